use super::*;

fn labels(pairs: &[(&str, &str)]) -> Labels {
    pairs.iter().copied().collect()
}

#[test]
fn parses_and_prints_table() {
    let cases = [
        ("app=web", "app=web"),
        ("app==web", "app=web"),
        ("app = web , tier != db", "app=web,tier!=db"),
        ("env in (b,a)", "env in (a,b)"),
        ("env notin (prod)", "env notin (prod)"),
        ("canary", "canary"),
        ("!canary", "!canary"),
        ("rank>2", "rank>2"),
        ("rank < 5", "rank<5"),
        ("kubernetes.io/arch=arm64", "kubernetes.io/arch=arm64"),
        ("app=", "app="),
        ("env in ()", "env in ()"),
        ("in=notin", "in=notin"),
        ("", ""),
    ];
    for (input, want) in cases {
        let s = Selector::parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(s.to_string(), want, "{input:?}");
    }
}

#[test]
fn matching_semantics() {
    let l = labels(&[("app", "web"), ("tier", "fe"), ("rank", "3")]);
    let cases = [
        ("app=web", true),
        ("app=db", false),
        ("app!=db", true),
        ("missing!=x", true),
        ("app in (db,web)", true),
        ("app notin (web)", false),
        ("missing notin (x)", true),
        ("tier", true),
        ("!tier", false),
        ("!missing", true),
        ("rank>2", true),
        ("rank>3", false),
        ("rank<4", true),
        ("app>1", false),
        ("app=web,tier=fe", true),
        ("app=web,tier=be", false),
        ("", true),
    ];
    for (sel, want) in cases {
        let s = Selector::parse(sel).unwrap_or_else(|e| panic!("{sel:?}: {e}"));
        assert_eq!(s.matches(&l), want, "{sel:?}");
    }
}

#[test]
fn errors_are_worded_like_apimachinery() {
    let cases = [
        ("app in (web", "unable to parse requirement: found '', expected: ',' or ')'"),
        ("app in web", "unable to parse requirement: found 'web' expected: '('"),
        ("=web", "found '=', expected: !, identifier, or 'end of string'"),
        ("app=web,", "found '', expected: identifier after ','"),
        ("app=web x", "found 'x', expected: ',' or 'end of string'"),
        (
            "app foo",
            "unable to parse requirement: found 'foo', expected: in, notin, =, ==, !=, gt, lt",
        ),
        (
            "rank>x",
            "unable to parse requirement: values[0]: Invalid value: [\"x\"]: for 'Gt', 'Lt' operators, the value must be an integer",
        ),
        ("!!a", "unable to parse requirement: found '!', expected: identifier"),
        ("a=(", "unable to parse requirement: found '(', expected: identifier"),
    ];
    for (input, want) in cases {
        assert_eq!(Selector::parse(input).map_err(|e| e.0), Err(want.to_owned()), "{input:?}");
    }
    let bad_key = Selector::parse("a b=c").map_err(|e| e.0);
    assert_eq!(
        bad_key,
        Err("unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt".into())
    );
    let bad_value = Selector::parse("app=a_").map_err(|e| e.0).unwrap_err();
    assert!(
        bad_value.starts_with(
            "unable to parse requirement: values[0][app]: Invalid value: \"a_\": a valid label must"
        ),
        "{bad_value}"
    );
    let bad_name = Selector::parse("-app").map_err(|e| e.0).unwrap_err();
    assert!(
        bad_name
            .starts_with("unable to parse requirement: : Invalid value: \"-app\": name part must"),
        "{bad_name}"
    );
}
