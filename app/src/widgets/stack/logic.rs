//! The stack explorer's decisions, kept out of the view so they can be tested natively.

use sim_core::eras::stack::{Click, Direction, Hop, Io, StackKind, path};

/// The stacks a directive asks for, in the course's order; all of them when it names none.
pub fn parse_stacks(param: Option<&str>) -> Vec<StackKind> {
    let named: Vec<StackKind> =
        param.unwrap_or_default().split(',').filter_map(StackKind::from_id).collect();
    let mut kinds: Vec<StackKind> = if named.is_empty() { StackKind::ALL.to_vec() } else { named };
    kinds.sort();
    kinds.dedup();
    kinds
}

/// What the widget traces first: the directive's `io`, else what its task is about.
pub fn initial_io(io: Option<&str>, task: &str) -> Io {
    match (io, task) {
        (Some("packet"), _) | (None, "trace-packet") => Io::Packet,
        _ => Io::FileRead,
    }
}

/// The task a finished trace of `io` completes, if the widget has that task.
pub fn task_for(io: Io, task: &str) -> Option<&str> {
    let wanted = match io {
        Io::FileRead => "trace-file-read",
        Io::Packet => "trace-packet",
    };
    (task == wanted).then_some(task)
}

/// The step numbers (1-based) at which the path passes `layer`: down, and up if it returns.
pub fn step_numbers(hops: &[Hop], layer: usize) -> Vec<usize> {
    hops.iter().enumerate().filter(|(_, h)| h.layer == layer).map(|(i, _)| i + 1).collect()
}

/// A step as a sentence for the numbered list and the live region.
pub fn step_text(kind: StackKind, hop: &Hop) -> String {
    let name = kind.stack().layers.get(hop.layer).map_or("", |l| l.name);
    let arrow = match hop.direction {
        Direction::Down => "down",
        Direction::Up => "back up",
    };
    format!("{name} ({arrow}): {}", hop.text)
}

/// Where a replay of all shown stacks stands: the same step index in every stack, so a longer
/// path visibly keeps going after a shorter one has finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Replay {
    /// The step shown (0-based), or `total` when finished.
    pub step: usize,
    /// Steps in the longest path.
    pub total: usize,
}

impl Replay {
    /// A replay of `io` through `kinds`, at its start.
    pub fn new(kinds: &[StackKind], io: Io) -> Self {
        Replay { step: 0, total: kinds.iter().map(|k| path(*k, io).len()).max().unwrap_or(0) }
    }

    /// Whether every path has been shown.
    pub fn finished(&self) -> bool {
        self.step >= self.total
    }

    /// The next step.
    pub fn advanced(self) -> Self {
        Replay { step: (self.step + 1).min(self.total), ..self }
    }
}

/// What to tell the reader after a click during a trace.
pub fn click_message(kind: StackKind, click: Click) -> String {
    let name = |i: usize| kind.stack().layers.get(i).map_or("", |l| l.name);
    match click {
        Click::Entered { text } => text.to_owned(),
        Click::ReachedBottom { text } => text.to_owned(),
        Click::NotOnPath { why } => why.to_owned(),
        Click::NotYet { expected } => {
            format!("Not yet: the request has to pass through “{}” first.", name(expected))
        }
        Click::Ignored => "The request has already passed that layer.".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacks_default_to_all_and_keep_course_order() {
        assert_eq!(parse_stacks(None).len(), 8);
        assert_eq!(
            parse_stacks(Some("type-2, bare-metal,nonsense")),
            vec![StackKind::BareMetal, StackKind::Type2]
        );
        assert_eq!(parse_stacks(Some("")).len(), 8);
    }

    #[test]
    fn io_and_task_follow_the_directive() {
        assert_eq!(initial_io(None, "trace-file-read"), Io::FileRead);
        assert_eq!(initial_io(None, "trace-packet"), Io::Packet);
        assert_eq!(initial_io(Some("packet"), ""), Io::Packet);
        assert_eq!(task_for(Io::FileRead, "trace-file-read"), Some("trace-file-read"));
        assert_eq!(task_for(Io::Packet, "trace-file-read"), None);
        assert_eq!(task_for(Io::Packet, ""), None);
    }

    #[test]
    fn replay_runs_as_long_as_the_longest_path() {
        let kinds = [StackKind::BareMetal, StackKind::Type2];
        let mut r = Replay::new(&kinds, Io::FileRead);
        assert_eq!(r.total, path(StackKind::Type2, Io::FileRead).len());
        while !r.finished() {
            r = r.advanced();
        }
        assert_eq!(r.advanced().step, r.total);
    }

    #[test]
    fn a_read_passes_the_kernel_twice() {
        let hops = path(StackKind::BareMetal, Io::FileRead);
        assert_eq!(step_numbers(&hops, 1), vec![2, 6]);
        assert!(step_numbers(&hops, 3).is_empty(), "firmware");
        assert!(step_text(StackKind::BareMetal, &hops[0]).starts_with("Application (down): "));
    }
}
