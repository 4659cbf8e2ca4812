//! Splits a command line into words as a POSIX shell would: whitespace separates words,
//! `'…'` is literal, `"…"` honours `\"`, `\\`, `\$` and `` \` ``, and a backslash outside
//! quotes escapes the next character. An unquoted `#` at the start of a word starts a comment.
//!
//! The console runs one command, not a shell: pipes, redirections and command lists are
//! reported as errors rather than silently passed to kubectl as arguments.

use std::fmt;

/// Why a line is not a single command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenizeError {
    /// A quote was opened and never closed.
    UnterminatedQuote(char),
    /// A shell operator (`|`, `>`, `<`, `;`, `&`) outside quotes.
    ShellOperator(char),
}

impl fmt::Display for TokenizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenizeError::UnterminatedQuote(q) => {
                write!(f, "unexpected end of line while looking for the matching `{q}`")
            }
            TokenizeError::ShellOperator(op) => write!(
                f,
                "`{op}` is a shell operator: this console runs one kubectl command at a time \
                 (no pipes, redirection or command lists)"
            ),
        }
    }
}

/// A word and the byte offset in the line where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    /// The word after quote removal.
    pub(crate) text: String,
    /// Byte offset of its first character (quote included) in the input.
    pub(crate) start: usize,
}

/// Splits `line` into words, or reports the first problem.
pub fn tokenize(line: &str) -> Result<Vec<String>, TokenizeError> {
    words(line).map(|w| w.into_iter().map(|w| w.text).collect())
}

/// Like [`tokenize`], with each word's start offset.
pub(crate) fn words(line: &str) -> Result<Vec<Word>, TokenizeError> {
    let scan = scan(line);
    match scan.error {
        Some(e) => Err(e),
        None => Ok(scan.words),
    }
}

/// The result of a lenient scan: the words so far, whether the last one is still open (no
/// whitespace after it, or inside quotes), and the first error.
pub(crate) struct Scan {
    pub(crate) words: Vec<Word>,
    /// The line ends inside a word (so completion extends that word).
    pub(crate) open_word: bool,
    pub(crate) error: Option<TokenizeError>,
}

/// Scans the whole line without stopping at errors, for completion.
pub(crate) fn scan(line: &str) -> Scan {
    let mut words = Vec::new();
    let mut error = None;
    let mut chars = line.char_indices().peekable();
    let mut current: Option<Word> = None;
    while let Some((i, c)) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if let Some(w) = current.take() {
                    words.push(w);
                }
            }
            '#' if current.is_none() => break,
            '\'' => {
                let w = current.get_or_insert_with(|| Word { text: String::new(), start: i });
                let mut closed = false;
                for (_, c) in chars.by_ref() {
                    if c == '\'' {
                        closed = true;
                        break;
                    }
                    w.text.push(c);
                }
                if !closed {
                    error.get_or_insert(TokenizeError::UnterminatedQuote('\''));
                }
            }
            '"' => {
                let w = current.get_or_insert_with(|| Word { text: String::new(), start: i });
                let mut closed = false;
                while let Some((_, c)) = chars.next() {
                    match c {
                        '"' => {
                            closed = true;
                            break;
                        }
                        '\\' => match chars.peek().map(|&(_, n)| n) {
                            Some(n @ ('"' | '\\' | '$' | '`')) => {
                                w.text.push(n);
                                chars.next();
                            }
                            Some('\n') => {
                                chars.next();
                            }
                            _ => w.text.push('\\'),
                        },
                        c => w.text.push(c),
                    }
                }
                if !closed {
                    error.get_or_insert(TokenizeError::UnterminatedQuote('"'));
                }
            }
            '\\' => {
                let w = current.get_or_insert_with(|| Word { text: String::new(), start: i });
                match chars.next() {
                    Some((_, '\n')) | None => {}
                    Some((_, n)) => w.text.push(n),
                }
            }
            '|' | '>' | '<' | ';' | '&' => {
                error.get_or_insert(TokenizeError::ShellOperator(c));
                if let Some(w) = current.take() {
                    words.push(w);
                }
            }
            c => current.get_or_insert_with(|| Word { text: String::new(), start: i }).text.push(c),
        }
    }
    let open_word = current.is_some();
    if let Some(w) = current {
        words.push(w);
    }
    Scan { words, open_word, error }
}

#[cfg(test)]
mod tests;
