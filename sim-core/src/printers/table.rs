//! Column alignment as kubectl's tab writer does it (`tabwriter.NewWriter(out, 6, 4, 3, ' ', 0)`):
//! every column but the last is padded to its widest cell plus 3 spaces, at least 6 wide.

/// Renders a header row and data rows as kubectl prints tables.
pub fn render(header: &[&str], rows: &[Vec<String>]) -> String {
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(columns) {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut s = String::new();
        for (i, cell) in cells.enumerate() {
            s.push_str(cell);
            if i + 1 < columns {
                let width = (widths[i] + 3).max(6);
                for _ in cell.chars().count()..width {
                    s.push(' ');
                }
            }
        }
        out.push_str(s.trim_end());
        out.push('\n');
    };
    line(&mut header.iter().copied());
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_like_kubectl() {
        let rows = vec![vec![
            "nginx-7c5ddbdf54-2xkwz".into(),
            "1/1".into(),
            "Running".into(),
            "0".into(),
            "5m".into(),
        ]];
        let out = render(&["NAME", "READY", "STATUS", "RESTARTS", "AGE"], &rows);
        assert_eq!(
            out,
            "NAME                     READY   STATUS    RESTARTS   AGE\nnginx-7c5ddbdf54-2xkwz   1/1     Running   0          5m\n"
        );
    }
}
