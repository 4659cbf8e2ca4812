use super::*;

const SPECS: &[Spec] = &[
    short("namespace", 'n', Kind::Str),
    short("all-namespaces", 'A', Kind::Bool),
    short("stdin", 'i', Kind::Bool),
    short("tty", 't', Kind::Bool),
    long("replicas", Kind::Int(32)),
    short("filename", 'f', Kind::List),
    long("force", Kind::Bool),
];

fn args(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_owned).collect()
}

fn ok(s: &str) -> Parsed {
    parse(&args(s), SPECS).unwrap_or_else(|e| panic!("{s:?}: {e}"))
}

#[test]
fn forms_table() {
    let p = ok("get -n kube-system pods --force -it --replicas=0x10");
    assert_eq!(p.positional, ["get", "pods"]);
    assert_eq!(p.string("namespace"), Some("kube-system"));
    assert!(p.bool("force") && p.bool("stdin") && p.bool("tty"));
    assert_eq!(p.int("replicas"), Some(16));
    assert_eq!(ok("-nprod").string("namespace"), Some("prod"));
    assert_eq!(ok("-n=prod").string("namespace"), Some("prod"));
    assert_eq!(ok("--namespace prod").string("namespace"), Some("prod"));
    assert_eq!(ok("--namespace=").string("namespace"), Some(""));
    assert!(!ok("--force=false").bool("force"));
    assert!(ok("-A").bool("all-namespaces"));
    assert_eq!(ok("-f a,b -f c").list("filename"), ["a", "b", "c"]);
    assert_eq!(ok("-f -").list("filename"), ["-"]);
    assert_eq!(ok("x -- -n --force").positional, ["x", "-n", "--force"]);
    assert_eq!(ok("-").positional, ["-"]);
    assert!(!ok("x").given("force"));
}

#[test]
fn errors_table() {
    let cases = [
        ("--bogus", "unknown flag: --bogus"),
        ("-x", "unknown shorthand flag: 'x' in -x"),
        ("-itx", "unknown shorthand flag: 'x' in -itx"),
        ("-n", "flag needs an argument: 'n' in -n"),
        ("--namespace", "flag needs an argument: --namespace"),
        (
            "--replicas=abc",
            "invalid argument \"abc\" for \"--replicas\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax",
        ),
        (
            "--replicas=99999999999",
            "invalid argument \"99999999999\" for \"--replicas\" flag: strconv.ParseInt: parsing \"99999999999\": value out of range",
        ),
        (
            "--force=maybe",
            "invalid argument \"maybe\" for \"--force\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax",
        ),
        (
            "-A=2",
            "invalid argument \"2\" for \"-A, --all-namespaces\" flag: strconv.ParseBool: parsing \"2\": invalid syntax",
        ),
        ("---x", "bad flag syntax: ---x"),
        ("--=x", "bad flag syntax: --=x"),
        ("--sort-by=x", "flag --sort-by is a kubectl flag this simulator does not support"),
    ];
    for (input, want) in cases {
        assert_eq!(
            parse(&args(input), SPECS).map_err(|e| e.to_string()),
            Err(want.to_owned()),
            "{input:?}"
        );
    }
}

#[test]
fn go_integers() {
    let cases = [
        ("0", Ok(0)),
        ("-12", Ok(-12)),
        ("+7", Ok(7)),
        ("0x1F", Ok(31)),
        ("0o17", Ok(15)),
        ("017", Ok(15)),
        ("0b101", Ok(5)),
        ("1_000", Err(())),
        ("0x_", Err(())),
        ("08", Err(())),
        ("", Err(())),
        ("2147483647", Ok(2_147_483_647)),
    ];
    for (s, want) in cases {
        assert_eq!(parse_int(s, 32).map_err(|_| ()), want, "{s:?}");
    }
    assert!(parse_int("2147483648", 32).is_err());
    assert_eq!(parse_int("-2147483648", 32), Ok(-2_147_483_648));
    assert_eq!(parse_int("9223372036854775807", 64), Ok(i64::MAX));
    assert!(parse_int("9223372036854775808", 64).is_err());
}
