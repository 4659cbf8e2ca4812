//! Share links. Half the inputs are raw text (mostly rejected by the checksum); the other half
//! are arbitrary payload bytes wrapped in a link with a valid checksum (`share::forge`), which
//! reaches the payload decoder. Either way `share::decode` must return without panicking, and
//! whatever it accepts must re-encode and decode to the same state.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sim_core::{cluster::Action, share};

type State = (u64, Vec<(u64, Action)>);

fuzz_target!(|data: &[u8]| {
    let Some((mode, rest)) = data.split_first() else { return };
    let link = if mode % 2 == 0 {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        share::forge("cluster", 1, rest)
    };
    if let Ok(state) = share::decode::<State>(&link, "cluster", 1) {
        let again = share::encode("cluster", 1, &state);
        assert_eq!(share::decode::<State>(&again, "cluster", 1).ok(), Some(state));
    }
});
