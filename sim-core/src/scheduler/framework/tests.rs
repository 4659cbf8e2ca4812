use super::*;

#[test]
fn default_normalize_score_table() {
    // Translated from upstream's normalize_score_test.go cases, in our own table.
    let cases: &[(&str, bool, &[i64], &[i64])] = &[
        ("scales by the max", false, &[1, 2, 3, 4, 5], &[20, 40, 60, 80, 100]),
        ("reverse", true, &[1, 2, 3, 4, 5], &[80, 60, 40, 20, 0]),
        ("integer division truncates", false, &[1000, 10, 20, 30, 40], &[100, 1, 2, 3, 4]),
        ("reverse truncates", true, &[1000, 10, 20, 30, 40], &[0, 99, 98, 97, 96]),
        ("all zero stays zero", false, &[0, 0, 0], &[0, 0, 0]),
        ("all zero reversed is max", true, &[0, 0, 0], &[100, 100, 100]),
        ("one non-zero", false, &[0, 0, 7], &[0, 0, 100]),
        ("empty", false, &[], &[]),
    ];
    for (name, reverse, input, want) in cases {
        let mut scores = input.to_vec();
        default_normalize_score(MAX_NODE_SCORE, *reverse, &mut scores);
        assert_eq!(&scores, want, "{name}");
    }
}

#[test]
fn reasons_print_upstream_text_and_parse_back() {
    let all = [
        Reason::NodeUnschedulable,
        Reason::NodeName,
        Reason::UntoleratedTaint,
        Reason::NodeAffinity,
        Reason::AffinityConflict,
        Reason::NodePorts,
        Reason::TooManyPods,
        Reason::Insufficient(ResourceKey::Cpu),
        Reason::Insufficient(ResourceKey::Memory),
        Reason::Insufficient(ResourceKey::EphemeralStorage),
        Reason::Insufficient(ResourceKey::Scalar("nvidia.com/gpu".into())),
        Reason::SpreadConstraints,
        Reason::SpreadMissingLabel,
        Reason::PreemptionNotHelpful,
        Reason::NoPreemptionVictims,
        Reason::not_in_prefilter_result(&[PluginName::NodeAffinity]),
    ];
    for r in all {
        assert_eq!(Reason::from_text(&r.to_string()), r);
    }
    assert_eq!(Reason::Insufficient(ResourceKey::Cpu).to_string(), "Insufficient cpu");
    assert_eq!(
        Reason::not_in_prefilter_result(&[PluginName::NodeAffinity]).to_string(),
        "node(s) didn't satisfy plugin(s) [NodeAffinity]"
    );
    assert_eq!(
        serde_json::to_string(&Reason::UntoleratedTaint).unwrap(),
        "\"node(s) had untolerated taint(s)\""
    );
}

#[test]
fn status_message_joins_reasons() {
    let s = Status {
        code: Code::Unschedulable,
        plugin: Some(PluginName::NodeResourcesFit),
        reasons: vec![Reason::TooManyPods, Reason::Insufficient(ResourceKey::Cpu)],
    };
    assert_eq!(s.message(), "Too many pods, Insufficient cpu");
    assert!(Code::Unschedulable.is_rejected());
    assert!(!Code::Skip.is_rejected());
}
