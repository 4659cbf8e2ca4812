use super::*;

fn ok(line: &str) -> Vec<String> {
    tokenize(line).unwrap_or_else(|e| panic!("{line:?}: {e}"))
}

#[test]
fn shell_words_table() {
    let cases: &[(&str, &[&str])] = &[
        ("", &[]),
        ("   ", &[]),
        ("kubectl get pods", &["kubectl", "get", "pods"]),
        ("  get\tpods  -o   wide ", &["get", "pods", "-o", "wide"]),
        ("get pods -l 'env in (a,b)'", &["get", "pods", "-l", "env in (a,b)"]),
        ("get pods -l \"app=web,tier!=db\"", &["get", "pods", "-l", "app=web,tier!=db"]),
        ("echo 'it''s'", &["echo", "its"]),
        (r#"a "x \"y\" \\ \$HOME \q""#, &["a", r#"x "y" \ $HOME \q"#]),
        (r"a\ b c", &["a b", "c"]),
        ("a''b", &["ab"]),
        ("''", &[""]),
        ("x --image=\"nginx:1.30\"", &["x", "--image=nginx:1.30"]),
        ("get pods # all of them", &["get", "pods"]),
        ("get pods#x", &["get", "pods#x"]),
        ("# comment only", &[]),
        ("a\\\nb", &["ab"]),
        ("naïve 名前", &["naïve", "名前"]),
    ];
    for (line, want) in cases {
        assert_eq!(ok(line), *want, "{line:?}");
    }
}

#[test]
fn errors_table() {
    let cases = [
        ("get 'pods", TokenizeError::UnterminatedQuote('\'')),
        ("get \"pods", TokenizeError::UnterminatedQuote('"')),
        ("get pods | grep x", TokenizeError::ShellOperator('|')),
        ("get pods > out", TokenizeError::ShellOperator('>')),
        ("get pods; get nodes", TokenizeError::ShellOperator(';')),
        ("get pods && x", TokenizeError::ShellOperator('&')),
    ];
    for (line, want) in cases {
        assert_eq!(tokenize(line), Err(want), "{line:?}");
    }
    // Operators inside quotes are text.
    assert_eq!(ok("get pods -l 'a|b'"), ["get", "pods", "-l", "a|b"]);
}

#[test]
fn word_offsets_point_at_the_source() {
    let w = words("get  'po ds' x").unwrap_or_default();
    let starts: Vec<usize> = w.iter().map(|w| w.start).collect();
    assert_eq!(starts, [0, 5, 13]);
    let s = scan("get po");
    assert!(s.open_word);
    assert!(!scan("get po ").open_word);
    assert!(scan("get 'po").open_word, "an open quote keeps the word open");
}
