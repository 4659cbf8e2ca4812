//! A quiz: questions, options, the right answer, grading. Read from the static markup the
//! build writes (see `content`'s `widget_html.rs`), so the quiz and its fallback never differ.

/// One question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// The prompt.
    pub prompt: String,
    /// Options in the order written.
    pub options: Vec<String>,
    /// Index of the right option.
    pub answer: usize,
    /// Why, shown after answering.
    pub explain: String,
}

/// How a set of choices scores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grade {
    /// Per question: `None` if unanswered, else whether the choice is right.
    pub per_question: Vec<Option<bool>>,
    /// Right answers.
    pub right: usize,
}

impl Grade {
    /// Whether every question is answered correctly.
    pub fn perfect(&self) -> bool {
        self.right == self.per_question.len() && !self.per_question.is_empty()
    }
}

/// Grades `choices` (one optional option index per question).
pub fn grade(questions: &[Question], choices: &[Option<usize>]) -> Grade {
    let per_question: Vec<Option<bool>> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| choices.get(i).copied().flatten().map(|c| c == q.answer))
        .collect();
    let right = per_question.iter().filter(|r| **r == Some(true)).count();
    Grade { per_question, right }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(answer: usize) -> Question {
        Question {
            prompt: "p".into(),
            options: vec!["a".into(), "b".into()],
            answer,
            explain: String::new(),
        }
    }

    #[test]
    fn grades_right_wrong_and_unanswered() {
        let qs = [q(0), q(1), q(1)];
        let g = grade(&qs, &[Some(0), Some(0), None]);
        assert_eq!(g.per_question, [Some(true), Some(false), None]);
        assert_eq!(g.right, 1);
        assert!(!g.perfect());
        assert!(grade(&qs, &[Some(0), Some(1), Some(1)]).perfect());
        assert!(!grade(&[], &[]).perfect());
    }
}
