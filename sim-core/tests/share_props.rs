//! Share links never panic and round-trip (the stable-toolchain twin of the `share_decode`
//! fuzz target; `PROPTEST_CASES=500000 cargo test --release -p sim-core --test share_props`
//! runs a million inputs across the two properties).

use proptest::prelude::*;
use sim_core::{cluster::Action, share};

type State = (u64, Vec<(u64, Action)>);

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in ".{0,300}") {
        let _ = share::decode::<State>(&text, "cluster", 1);
    }

    #[test]
    fn forged_payloads_never_panic_and_accepted_ones_round_trip(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let link = share::forge("cluster", 1, &bytes);
        if let Ok(state) = share::decode::<State>(&link, "cluster", 1) {
            let again = share::encode("cluster", 1, &state);
            prop_assert_eq!(share::decode::<State>(&again, "cluster", 1).ok(), Some(state));
        }
    }
}
