//! kubectl's table output: a header row and data rows, aligned by its tab writer
//! (`tabwriter.NewWriter(out, 6, 4, 3, ' ', 0)`): every column but the last is padded to its
//! widest cell plus 3 spaces, at least 6 wide.

use super::tabwriter;

/// A table as `kubectl get` prints it: upper-case column names, one row per object.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// Column names (`NAME`, `READY`, …).
    pub header: Vec<String>,
    /// Cells, one `Vec` per row, as many as `header`.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// An empty table with these columns.
    pub fn new(header: &[&str]) -> Self {
        Table { header: header.iter().map(|h| (*h).to_owned()).collect(), rows: Vec::new() }
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table as kubectl prints it (`headers` false is `--no-headers`).
    pub fn render_with(&self, headers: bool) -> String {
        let mut text = String::new();
        let mut line = |cells: &[String]| {
            text.push_str(&cells.join("\t"));
            text.push('\n');
        };
        if headers {
            line(&self.header);
        }
        for row in &self.rows {
            line(row);
        }
        tabwriter::align(&text, 6, 3)
    }

    /// The table with its header row.
    pub fn render(&self) -> String {
        self.render_with(true)
    }
}

/// Renders a header row and data rows as kubectl prints tables.
pub fn render(header: &[&str], rows: &[Vec<String>]) -> String {
    Table { rows: rows.to_vec(), ..Table::new(header) }.render()
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

    #[test]
    fn an_empty_last_cell_leaves_the_padding_kubectl_leaves() {
        let t = Table { rows: vec![vec!["a".into(), String::new()]], ..Table::new(&["X", "Y"]) };
        assert_eq!(t.render(), "X     Y\na     \n");
        assert_eq!(t.render_with(false), "a     \n");
    }
}
