//! The quiz widget: the build's static questions become radio groups with feedback; getting
//! every answer right completes the lesson's quiz task.

use super::quiz_model::{Question, grade};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// Reads the questions from the static markup inside `figure`.
pub fn read_questions(figure: &Element) -> Vec<Question> {
    let Ok(items) = figure.query_selector_all(".quiz-question") else { return Vec::new() };
    (0..items.length())
        .filter_map(|i| items.item(i)?.dyn_into::<Element>().ok())
        .filter_map(|q| {
            let text = |sel: &str| {
                q.query_selector(sel)
                    .ok()
                    .flatten()
                    .and_then(|e| e.text_content())
                    .unwrap_or_default()
            };
            let options = q.query_selector_all(".quiz-options > li").ok()?;
            let mut answer = None;
            let mut list = Vec::new();
            for j in 0..options.length() {
                let li = options.item(j)?.dyn_into::<Element>().ok()?;
                if li.has_attribute("data-answer") {
                    answer = Some(list.len());
                }
                list.push(li.text_content().unwrap_or_default());
            }
            Some(Question {
                prompt: text(".quiz-prompt"),
                options: list,
                answer: answer?,
                explain: text(".quiz-explain"),
            })
        })
        .collect()
}

/// The quiz.
#[component]
pub fn Quiz(
    /// The questions.
    questions: Vec<Question>,
    /// The task id this quiz completes (`quiz-1`).
    task: String,
    /// A name unique on the page, for the radio groups.
    id: String,
) -> impl IntoView {
    let n = questions.len();
    let choices = RwSignal::new(vec![None::<usize>; n]);
    let (checked, set_checked) = signal(false);
    let questions = StoredValue::new(questions);
    let already = crate::progress::is_done(&task);
    let result = Memo::new(move |_| questions.with_value(|q| grade(q, &choices.get())));
    let task_for_check = task.clone();
    let check = move |_| {
        set_checked.set(true);
        if result.get_untracked().perfect() {
            crate::progress::complete(&task_for_check);
        }
    };
    let items = questions.with_value(|qs| {
        qs.iter()
            .enumerate()
            .map(|(qi, q)| {
                let name = format!("{id}-q{qi}");
                let options = q
                    .options
                    .iter()
                    .enumerate()
                    .map(|(oi, text)| {
                        let input_id = format!("{name}-o{oi}");
                        view! {
                            <div class="quiz-option">
                                <input
                                    type="radio"
                                    id=input_id.clone()
                                    name=name.clone()
                                    prop:checked=move || choices.with(|c| c[qi] == Some(oi))
                                    on:change=move |_| {
                                        choices.update(|c| c[qi] = Some(oi));
                                        set_checked.set(false);
                                    }
                                />
                                <label for=input_id>{text.clone()}</label>
                            </div>
                        }
                    })
                    .collect_view();
                let explain = q.explain.clone();
                let right_text = q.options.get(q.answer).cloned().unwrap_or_default();
                let feedback = move || {
                    if !checked.get() {
                        return None;
                    }
                    let verdict = result.with(|g| g.per_question[qi]);
                    let (class, text) = match verdict {
                        Some(true) => ("quiz-feedback right", "Right.".to_owned()),
                        Some(false) => (
                            "quiz-feedback wrong",
                            format!("Not quite: the answer is “{right_text}”."),
                        ),
                        None => ("quiz-feedback", "Not answered yet.".to_owned()),
                    };
                    let explain =
                        (verdict.is_some() && !explain.is_empty()).then(|| explain.clone());
                    Some(view! { <p class=class>{text}" "{explain}</p> })
                };
                view! {
                    <fieldset class="quiz-q">
                        <legend>{q.prompt.clone()}</legend>
                        {options}
                        {feedback}
                    </fieldset>
                }
            })
            .collect_view()
    });
    let summary = move || {
        checked.get().then(|| {
            let g = result.get();
            if g.perfect() {
                format!("All {n} right. Task complete.")
            } else {
                format!("{} of {n} right. Change your answers and check again.", g.right)
            }
        })
    };
    view! {
        <div class="quiz-widget">
            {items}
            <div class="quiz-actions">
                <button type="button" on:click=check>"Check answers"</button>
                {already.then(|| view! { <span class="quiz-done">"Completed before"</span> })}
            </div>
            <p class="quiz-summary" aria-live="polite">{summary}</p>
        </div>
    }
}
