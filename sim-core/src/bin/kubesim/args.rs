//! A small hand-rolled argument parser: `--flag value`, `--flag=value`, switches, positionals.

use super::Failure;

pub(crate) const USAGE: &str = "usage:
  kubesim run [--seed N] [--until 10m] [--json] SCENARIO
  kubesim schedule [--seed N] FILE...
  kubesim bench [--nodes 5000] [--pods 150000] [--seed N]
  kubesim bench --crash [--nodes 1000] [--pods 30000] [--seed N]";

/// Parsed arguments.
pub(crate) struct Args {
    pub(crate) values: Vec<(String, String)>,
    pub(crate) switches: Vec<String>,
    pub(crate) positional: Vec<String>,
}

impl Args {
    /// Splits `argv`; `with_value` lists the flags that take a value, `switches` the others.
    pub(crate) fn parse(
        argv: &[String],
        with_value: &[&str],
        switches: &[&str],
    ) -> Result<Args, Failure> {
        let mut out = Args { values: Vec::new(), switches: Vec::new(), positional: Vec::new() };
        let mut it = argv.iter();
        while let Some(a) = it.next() {
            if let Some(flag) = a.strip_prefix("--") {
                let (name, inline) = match flag.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_owned())),
                    None => (flag, None),
                };
                if with_value.contains(&name) {
                    let v = match inline {
                        Some(v) => v,
                        None => it
                            .next()
                            .cloned()
                            .ok_or_else(|| Failure(format!("--{name} needs a value")))?,
                    };
                    out.values.push((name.to_owned(), v));
                } else if switches.contains(&name) && inline.is_none() {
                    out.switches.push(name.to_owned());
                } else {
                    return Err(Failure(format!("unknown flag --{name}\n{USAGE}")));
                }
            } else {
                out.positional.push(a.clone());
            }
        }
        Ok(out)
    }

    pub(crate) fn value(&self, name: &str) -> Option<&str> {
        self.values.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub(crate) fn switch(&self, name: &str) -> bool {
        self.switches.iter().any(|s| s == name)
    }

    /// A non-negative integer flag.
    pub(crate) fn number(&self, name: &str, default: u64) -> Result<u64, Failure> {
        match self.value(name) {
            None => Ok(default),
            Some(v) => v
                .parse()
                .map_err(|_| Failure(format!("--{name}: not a non-negative integer: {v:?}"))),
        }
    }
}
