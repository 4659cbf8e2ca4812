//! Share links for the playground: the preset, the challenge, every recorded input (the
//! reader's actions at their exact point, and the preset's script entries in their place) and
//! the simulated time reached, packed with [`sim_core::share`]. Opening the link loads the same
//! preset, puts the inputs back and replays to the same time: the engine being deterministic,
//! the event log is the one the sender saw.
//!
//! Decoding never trusts the link: unknown presets or challenges, a script that does not match
//! the preset, inputs out of order, too many inputs or a time too far away are each refused
//! with a sentence for the reader (the page then starts the scenario fresh).

use super::{
    challenges::{self, ChallengeDef},
    driver::{Command, Driver, Input},
    presets::{PRESETS, Preset},
};
use serde::{Deserialize, Serialize};
use sim_core::{cluster::Action, share, time::SimTime};

/// The link's kind (`cluster.<version>.…`).
pub const KIND: &str = "cluster";
/// The link format this build writes and reads.
pub const VERSION: u32 = 1;
/// Furthest simulated time a link may replay to: a tampered link must not keep a page busy
/// replaying for hours.
pub const MAX_TIME_MS: u64 = 6 * 3_600_000;
/// Most inputs a link may carry.
pub const MAX_INPUTS: usize = 400;

#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
enum WireCommand {
    Scripted(u32),
    Action(Box<Action>),
}

#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
struct WireInput {
    at_ms: u64,
    after_tasks: Option<u64>,
    command: WireCommand,
}

#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Wire {
    preset: String,
    challenge: Option<String>,
    time_ms: u64,
    inputs: Vec<WireInput>,
}

/// A decoded link, ready to load.
#[derive(Debug)]
pub struct Shared {
    /// The preset to start.
    pub preset: &'static Preset,
    /// The challenge the sender had, if any.
    pub challenge: Option<&'static ChallengeDef>,
    /// Where to replay to.
    pub time: SimTime,
    /// Every input, in order (for [`Driver::replace_inputs`]).
    pub inputs: Vec<Input>,
}

/// The link for `driver`'s history, up to its current time.
pub fn encode(preset: &Preset, challenge: Option<&ChallengeDef>, driver: &Driver) -> String {
    let now = driver.now();
    let inputs = driver
        .inputs()
        .iter()
        // Scripted entries stay (the receiver checks them against the preset); reader inputs
        // after the clock were undone by scrubbing back and are not part of this state.
        .filter(|i| i.after_tasks.is_none() || i.at <= now)
        .map(|i| WireInput {
            at_ms: i.at.as_millis(),
            after_tasks: i.after_tasks,
            command: match &i.command {
                Command::Scripted(n) => {
                    WireCommand::Scripted(u32::try_from(*n).unwrap_or(u32::MAX))
                }
                Command::Action(a) => WireCommand::Action(a.clone()),
            },
        })
        .collect();
    let wire = Wire {
        preset: preset.name.to_owned(),
        challenge: challenge.map(|c| c.id.to_owned()),
        time_ms: now.as_millis(),
        inputs,
    };
    share::encode(KIND, VERSION, &wire)
}

/// Reads a link; every refusal is a sentence for the reader.
pub fn decode(link: &str) -> Result<Shared, String> {
    let wire: Wire = share::decode(link, KIND, VERSION).map_err(|e| e.to_string())?;
    let preset = PRESETS.iter().find(|p| p.name == wire.preset).ok_or_else(|| {
        format!("the link names a scenario this site does not have ({:?})", wire.preset)
    })?;
    let challenge = match &wire.challenge {
        None => None,
        Some(id) => Some(challenges::find(id).ok_or_else(|| {
            format!("the link names a challenge this site does not have ({id:?})")
        })?),
    };
    if wire.time_ms > MAX_TIME_MS {
        return Err("the link asks to replay further than six simulated hours".into());
    }
    if wire.inputs.len() > MAX_INPUTS {
        return Err(format!("the link carries more than {MAX_INPUTS} actions"));
    }
    let mut last = 0;
    let mut inputs = Vec::with_capacity(wire.inputs.len());
    for w in wire.inputs {
        if w.at_ms < last {
            return Err("the link's actions are out of order".into());
        }
        last = w.at_ms;
        let command = match w.command {
            WireCommand::Scripted(n) => Command::Scripted(n as usize),
            WireCommand::Action(a) => Command::Action(a),
        };
        inputs.push(Input {
            at: SimTime::from_millis(w.at_ms),
            after_tasks: w.after_tasks,
            command,
        });
    }
    Ok(Shared { preset, challenge, time: SimTime::from_millis(wire.time_ms), inputs })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widgets::cluster::{challenges::Checker, driver::Chunks, presets::find};
    use sim_core::cluster::Progress;

    fn run_to(d: &mut Driver, t: SimTime) {
        for _ in 0..1_000_000 {
            if d.advance(t, &mut Chunks(64)) == Progress::Reached {
                return;
            }
        }
        panic!("did not reach {t:?}");
    }

    #[test]
    fn a_link_replays_to_the_same_event_log() {
        let preset = find("node-failure");
        let def = challenges::find("survive-crash");
        let mut d = Driver::load(preset, def.and_then(|c| Checker::new(c.id))).expect("loads");
        run_to(&mut d, SimTime::from_secs(20));
        let mut session = kubectl::Session::default();
        assert!(d.kubectl(&mut session, "scale deployment web --replicas=3").success());
        run_to(&mut d, SimTime::from_secs(50));
        let crash = Action::CrashNode { node: "node-2".into() };
        assert!(d.perform(Command::Action(Box::new(crash))).success());
        run_to(&mut d, SimTime::from_secs(400));
        let link = encode(preset, def, &d);
        assert!(link.len() < 2_000, "{} characters", link.len());

        let shared = decode(&link).expect("decodes");
        assert_eq!(shared.preset.name, "node-failure");
        assert_eq!(shared.time, SimTime::from_secs(400));
        let checker = shared.challenge.and_then(|c| Checker::new(c.id));
        let mut again = Driver::load(shared.preset, checker).expect("loads");
        again.replace_inputs(shared.inputs).expect("the script matches");
        run_to(&mut again, shared.time);
        assert_eq!(again.sim().log_hash(), d.sim().log_hash());
        assert_eq!(
            again.checker().map(|c| c.verdict().clone()),
            d.checker().map(|c| c.verdict().clone())
        );
    }

    #[test]
    fn damaged_and_foreign_links_are_refused_with_a_reason() {
        let d = Driver::load(find("three-nodes"), None).expect("loads");
        let link = encode(find("three-nodes"), None, &d);
        let cut = &link[..link.len() - 3];
        assert!(decode(cut).unwrap_err().contains("damaged"), "{:?}", decode(cut));
        let mut edited = link.clone().into_bytes();
        edited[12] = if edited[12] == b'A' { b'B' } else { b'A' };
        assert!(decode(&String::from_utf8_lossy(&edited)).is_err());
        assert!(decode("garbage").unwrap_err().contains("not a simulation link"));
        let old = link.replacen("cluster.1.", "cluster.0.", 1);
        assert!(decode(&old).is_err());

        let forged = |w: &Wire| share::encode(KIND, VERSION, w);
        let mut wire = Wire { preset: "nope".into(), challenge: None, time_ms: 0, inputs: vec![] };
        assert!(decode(&forged(&wire)).unwrap_err().contains("scenario"));
        wire.preset = "three-nodes".into();
        wire.time_ms = MAX_TIME_MS + 1;
        assert!(decode(&forged(&wire)).unwrap_err().contains("six"));
        wire.time_ms = 10;
        wire.challenge = Some("nope".into());
        assert!(decode(&forged(&wire)).unwrap_err().contains("challenge"));
        wire.challenge = None;
        let scripted =
            |at_ms| WireInput { at_ms, after_tasks: None, command: WireCommand::Scripted(0) };
        wire.inputs = vec![scripted(5), scripted(1)];
        assert!(decode(&forged(&wire)).unwrap_err().contains("order"));
        // A script entry the preset does not have decodes but does not load.
        wire.inputs = vec![scripted(1)];
        let shared = decode(&forged(&wire)).expect("well-formed");
        let mut fresh = Driver::load(shared.preset, None).expect("loads");
        assert!(fresh.replace_inputs(shared.inputs).is_err());
    }
}
