//! Labels and label selectors as kubectl prints them (`labels.FormatLabels`,
//! `metav1.FormatLabelSelector`, `labels.Selector.String()`).

use crate::model::{
    LabelSelector, Labels,
    meta::{LabelSelectorOperator, LabelSelectorRequirement},
};

/// `labels.FormatLabels`: `k=v` pairs by key, comma-separated; `<none>` when empty.
pub fn format_labels(labels: &Labels) -> String {
    if labels.is_empty() {
        return "<none>".into();
    }
    labels.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",")
}

/// `LabelSelectorAsSelector(s).String()`: requirements sorted by key (`matchLabels` become
/// `k=v`), values sorted (`env in (a,b)`, `!key`); empty for an empty selector.
pub fn selector_string(s: &LabelSelector) -> String {
    let mut parts: Vec<(String, String)> = s
        .match_labels
        .iter()
        .map(|(k, v)| (k.to_owned(), format!("{k}={v}")))
        .chain(s.match_expressions.iter().map(|r| (r.key.clone(), requirement(r))))
        .collect();
    // A stable sort by key, as `internalSelector.Add` keeps requirements.
    parts.sort_by(|a, b| a.0.cmp(&b.0));
    parts.into_iter().map(|(_, s)| s).collect::<Vec<_>>().join(",")
}

/// `metav1.FormatLabelSelector`: [`selector_string`], or `<none>` when it is empty.
pub fn format_selector(s: &LabelSelector) -> String {
    let text = selector_string(s);
    if text.is_empty() { "<none>".into() } else { text }
}

fn requirement(r: &LabelSelectorRequirement) -> String {
    let mut values = r.values.clone();
    values.sort();
    let set = values.join(",");
    match r.operator {
        LabelSelectorOperator::In => format!("{} in ({set})", r.key),
        LabelSelectorOperator::NotIn => format!("{} notin ({set})", r.key),
        LabelSelectorOperator::Exists => r.key.clone(),
        LabelSelectorOperator::DoesNotExist => format!("!{}", r.key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_apimachinery() {
        let labels: Labels = [("tier", "web"), ("app", "shop")].into_iter().collect();
        assert_eq!(format_labels(&labels), "app=shop,tier=web");
        assert_eq!(format_labels(&Labels::new()), "<none>");
        let mut sel = LabelSelector::from_labels(labels);
        sel.match_expressions.push(LabelSelectorRequirement {
            key: "env".into(),
            operator: LabelSelectorOperator::In,
            values: vec!["prod".into(), "dev".into()],
        });
        sel.match_expressions.push(LabelSelectorRequirement {
            key: "canary".into(),
            operator: LabelSelectorOperator::DoesNotExist,
            values: vec![],
        });
        assert_eq!(selector_string(&sel), "app=shop,!canary,env in (dev,prod),tier=web");
        assert_eq!(format_selector(&LabelSelector::default()), "<none>");
    }
}
