//! Go's `text/tabwriter` with a space pad character and no flags, the aligner behind every
//! kubectl table (`NewWriter(out, 6, 4, 3, ' ', 0)`) and every `describe`
//! (`Init(buf, 0, 8, 2, ' ', 0)`).
//!
//! The input is text whose cells end with `\t`. A *column block* is a run of consecutive lines
//! that all have a tab-terminated cell in that column; every cell of a block is padded to the
//! block's widest cell plus `padding` (at least `minwidth`). The last cell of a line is not
//! tab-terminated and is never padded, so trailing spaces appear exactly where kubectl prints
//! them (after a cell that ends in a tab, or inside a cell such as `"True "`).
//!
//! Widths count characters (Go counts UTF-8 runes), not bytes.

/// Aligns `text` as Go's tabwriter with `minwidth`, `padding` and `' '` as the pad character.
pub fn align(text: &str, minwidth: usize, padding: usize) -> String {
    let lines: Vec<Vec<&str>> = text.split('\n').map(|l| l.split('\t').collect()).collect();
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut w = Writer { lines: &lines, minwidth, padding, widths: Vec::new(), out: &mut out };
    w.format(0, lines.len());
    out
}

struct Writer<'a, 'o> {
    lines: &'a [Vec<&'a str>],
    minwidth: usize,
    padding: usize,
    /// Widths of the columns to the left of the one being formatted.
    widths: Vec<usize>,
    out: &'o mut String,
}

fn width(cell: &str) -> usize {
    cell.chars().count()
}

impl Writer<'_, '_> {
    /// Go's `format`: finds the column blocks of column `widths.len()` in `line0..line1`,
    /// sizes each, and recurses into the columns to their right.
    fn format(&mut self, line0: usize, line1: usize) {
        let column = self.widths.len();
        let mut start = line0;
        let mut this = line0;
        while this < line1 {
            if !self.has_cell(this, column) {
                this += 1;
                continue;
            }
            self.write_lines(start, this);
            start = this;
            let mut width = self.minwidth;
            while this < line1 && self.has_cell(this, column) {
                width = width.max(width_of(&self.lines[this], column) + self.padding);
                this += 1;
            }
            self.widths.push(width);
            self.format(start, this);
            self.widths.pop();
            start = this;
        }
        self.write_lines(start, line1);
    }

    /// Whether line `i` has a tab-terminated cell in `column`.
    fn has_cell(&self, i: usize, column: usize) -> bool {
        self.lines.get(i).is_some_and(|l| column + 1 < l.len())
    }

    fn write_lines(&mut self, line0: usize, line1: usize) {
        for i in line0..line1 {
            let Some(cells) = self.lines.get(i) else { return };
            for (j, cell) in cells.iter().enumerate() {
                self.out.push_str(cell);
                if let Some(&w) = self.widths.get(j) {
                    for _ in width(cell)..w {
                        self.out.push(' ');
                    }
                }
            }
            if i + 1 < self.lines.len() {
                self.out.push('\n');
            }
        }
    }
}

fn width_of(cells: &[&str], column: usize) -> usize {
    cells.get(column).map_or(0, |c| width(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_column_blocks_like_go() {
        // kubectl get: minwidth 6, padding 3; the last cell is never padded.
        assert_eq!(align("NAME\tAGE\nweb-1\t5s\n", 6, 3), "NAME    AGE\nweb-1   5s\n");
        // A short column still gets the minimum width.
        assert_eq!(align("a\tb\n", 6, 3), "a     b\n");
    }

    #[test]
    fn blocks_break_at_lines_without_the_column() {
        // describe: minwidth 0, padding 2. "Containers:" has no tab, so the two blocks are
        // sized independently.
        let text = "Name:\tweb\nNamespace:\tdefault\nContainers:\n  web:\n    Image:\tnginx\n";
        assert_eq!(
            align(text, 0, 2),
            "Name:       web\nNamespace:  default\nContainers:\n  web:\n    Image:  nginx\n"
        );
    }

    #[test]
    fn nested_columns_and_trailing_spaces() {
        let text = "  Type\tStatus\n  Ready \tTrue \n";
        assert_eq!(align(text, 0, 2), "  Type    Status\n  Ready   True \n");
        // Empty cells are padded; the trailing tab pads the last real cell.
        assert_eq!(align("a\t\tc\nbb\tx\t\n", 0, 1), "a    c\nbb x \n");
    }

    #[test]
    fn counts_characters_not_bytes() {
        assert_eq!(align("é\tx\nab\ty\n", 0, 1), "é  x\nab y\n");
    }
}
