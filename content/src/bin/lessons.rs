//! `cargo run -p content --bin lessons`: render every lesson and page, print problems as
//! `file:line: message`, or a table of word counts, widgets and sources.

use std::{path::Path, process::ExitCode};

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let course = match content::load(root) {
        Ok(course) => course,
        Err(problems) => {
            eprintln!("{problems}");
            return ExitCode::FAILURE;
        }
    };
    println!("{:>5}  {:<26} {:>6}  {:>7}  widgets", "order", "slug", "words", "sources");
    for item in course.lessons.iter().chain(&course.pages) {
        let order = item.meta.order.map_or_else(|| "page".to_owned(), |n| n.to_string());
        println!(
            "{order:>5}  {:<26} {:>6}  {:>7}  {}",
            item.meta.slug,
            item.word_count(),
            item.body.footnotes,
            item.body.widgets.join(", ")
        );
    }
    let words: usize = course.lessons.iter().map(content::Lesson::word_count).sum();
    println!("{} lessons, {words} words; {} pages", course.lessons.len(), course.pages.len());
    ExitCode::SUCCESS
}
