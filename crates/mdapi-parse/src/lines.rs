//! Byte offsets to 1-based line and column numbers.

use crate::diag::Span;

/// Start offsets of every line of a text.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Self { text, starts }
    }

    /// The span of `start..end`; the column counts characters, not bytes.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let start = start.min(self.text.len());
        let line_idx = self.starts.partition_point(|&s| s <= start).saturating_sub(1);
        let line_start = self.starts.get(line_idx).copied().unwrap_or(0);
        let column = self.text.get(line_start..start).map_or(1, |s| s.chars().count() + 1);
        Span {
            start,
            end: end.max(start).min(self.text.len()),
            line: u32::try_from(line_idx + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based() {
        let index = LineIndex::new("ab\ncdé\nf");
        assert_eq!((index.span(0, 1).line, index.span(0, 1).column), (1, 1));
        assert_eq!((index.span(4, 5).line, index.span(4, 5).column), (2, 2));
        assert_eq!((index.span(8, 9).line, index.span(8, 9).column), (3, 1));
        assert_eq!(index.span(100, 200).start, 9);
    }
}
