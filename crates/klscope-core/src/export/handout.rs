//! A lesson's handouts: self-contained HTML pages (pictures embedded as data URLs) made
//! for paper. Two copies of one lesson: the students' (each step's picture with its
//! answer hidden, the question, and room to write a prediction) and the teacher's (the
//! picture with the answer shown, the answer and why). Both print two steps a page, so
//! a lesson of n steps takes at most ⌈n/2⌉ + 1 pages of A4 or of US letter.

use base64::Engine;

/// Which copy of the handout: whom it is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// No answers: room to write the prediction instead.
    Student,
    /// The answers and their reasons.
    Teacher,
}

impl Audience {
    /// The file each copy is written to.
    pub fn file_name(self) -> &'static str {
        match self {
            Audience::Student => "handout-student.html",
            Audience::Teacher => "handout-teacher.html",
        }
    }

    fn heading(self) -> &'static str {
        match self {
            Audience::Student => "Name: ______________________________",
            Audience::Teacher => "Teacher's copy, with the answers",
        }
    }
}

/// What a step asks of the class.
#[derive(Debug, Clone, PartialEq)]
pub enum HandoutTask {
    /// A prediction: the question, the choices to tick (none for a number), and the
    /// answer with one sentence of why (printed only in the teacher's copy).
    Question { question: String, choices: Vec<String>, answer: String, why: String },
    /// Something to make happen by moving the bars.
    Goal(String),
}

/// One step of the handout.
pub struct HandoutStep<'a> {
    pub number: usize,
    pub text: &'a str,
    pub task: Option<HandoutTask>,
    /// The step's picture as the class first sees it (the answer hidden).
    pub picture: &'a [u8],
    /// The picture with the answer shown, where the step asks something.
    pub answered: Option<&'a [u8]>,
}

/// The steps a copy prints: the teacher's every one; the students' those before the first
/// question and those that ask something, since a step that only tells, after a question,
/// tells its answer (its words and its picture both).
pub fn shown_steps<'s, 'a>(steps: &'s [HandoutStep<'a>], copy: Audience) -> Vec<&'s HandoutStep<'a>> {
    let mut asked = false;
    steps
        .iter()
        .filter(|step| {
            let keep = copy == Audience::Teacher || !asked || step.task.is_some();
            asked |= matches!(step.task, Some(HandoutTask::Question { .. }));
            keep
        })
        .collect()
}

/// The handout page for `title` and its steps, in the chosen copy.
pub fn handout_html(title: &str, steps: &[HandoutStep<'_>], copy: Audience) -> String {
    let mut html = String::new();
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str(&format!("<title>{}</title>\n", escape(title)));
    html.push_str(STYLE);
    html.push_str(PAPER_SCRIPT);
    let class = match copy {
        Audience::Student => "student",
        Audience::Teacher => "teacher",
    };
    html.push_str(&format!("</head>\n<body class=\"{class}\">\n"));
    let shown = shown_steps(steps, copy);
    // Two steps a sheet: a sheet starts a new page, and a step never splits.
    for (index, pair) in shown.chunks(2).enumerate() {
        html.push_str("<div class=\"sheet\">\n");
        if index == 0 {
            html.push_str(&format!(
                "<header><h1>{}</h1><span>{}</span></header>\n",
                escape(title),
                escape(copy.heading())
            ));
        }
        for step in pair {
            step_html(&mut html, step, copy);
        }
        html.push_str("</div>\n");
    }
    html.push_str("</body>\n</html>\n");
    html
}

fn step_html(html: &mut String, step: &HandoutStep<'_>, copy: Audience) {
    html.push_str("<section class=\"step\">\n");
    html.push_str(&format!("<h2>Step {}</h2>\n<p>{}</p>\n", step.number, escape(step.text)));
    let picture = match copy {
        Audience::Student => step.picture,
        Audience::Teacher => step.answered.unwrap_or(step.picture),
    };
    let alt = if copy == Audience::Teacher && step.answered.is_some() {
        format!("Step {}, answered", step.number)
    } else {
        format!("Step {}", step.number)
    };
    let data = base64::engine::general_purpose::STANDARD.encode(picture);
    html.push_str(&format!("<img alt=\"{alt}\" src=\"data:image/png;base64,{data}\">\n"));
    match (&step.task, copy) {
        (None, _) => {}
        (Some(HandoutTask::Goal(goal)), Audience::Student) => {
            html.push_str(&format!("<p class=\"task\">{}</p>\n", escape(goal)));
            html.push_str("<div class=\"write\">What did you change, and what happened?</div>\n");
        }
        (Some(HandoutTask::Goal(goal)), Audience::Teacher) => {
            html.push_str(&format!("<p class=\"task\">{}</p>\n", escape(goal)));
        }
        (Some(HandoutTask::Question { question, choices, .. }), Audience::Student) => {
            html.push_str(&format!("<p class=\"task\">{}</p>\n", escape(question)));
            if choices.is_empty() {
                html.push_str("<p class=\"choices\">My estimate: ____________</p>\n");
            } else {
                let boxes: Vec<String> = choices.iter().map(|c| format!("<span>☐ {}</span>", escape(c))).collect();
                html.push_str(&format!("<p class=\"choices\">{}</p>\n", boxes.join(" ")));
            }
            html.push_str("<div class=\"write\">Why I think so:</div>\n");
        }
        (Some(HandoutTask::Question { question, answer, why, .. }), Audience::Teacher) => {
            html.push_str(&format!("<p class=\"task\">{}</p>\n", escape(question)));
            html.push_str(&format!(
                "<p class=\"answer\"><b>Answer:</b> {}. <b>Why:</b> {}.</p>\n",
                escape(answer.trim_end_matches('.')),
                escape(why.trim_end_matches('.'))
            ));
        }
    }
    html.push_str("</section>\n");
}

/// On paper: 12 mm margins, and pictures at most 62 mm tall in the students' copy, so
/// that the title and two steps (four lines of words, the picture, the question and
/// 14 mm to write in) fit the shorter of A4 and US letter (255 mm of letter's height);
/// the teacher's copy has no room to write, so its pictures may be 72 mm tall.
///
/// The page itself has no margin: a browser prints its header and footer (the date, the
/// title, the file's path) in the page's margin, and with none it has no room for them.
/// The 12 mm are each sheet's padding instead, repeated on every page a sheet runs onto
/// (`box-decoration-break: clone`), so a continuation page keeps its margins too.
const STYLE: &str = "<style>
@page { size: auto; margin: 0; }
body { font-family: system-ui, sans-serif; font-size: 10pt; line-height: 1.35; color: #000; background: #fff;
  max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
header { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 1px solid #000; margin-bottom: 3mm; }
h1 { font-size: 15pt; margin: 0; }
h2 { font-size: 11.5pt; margin: 0 0 1mm; }
p { margin: 0 0 1.5mm; }
.step { margin: 0 0 4mm; break-inside: avoid; page-break-inside: avoid; }
.task { font-weight: bold; }
.choices span { margin-right: 6mm; white-space: nowrap; }
.answer { border-left: 3px solid #000; padding-left: 2mm; }
.write { height: 14mm; border: 1px solid #555; border-radius: 1mm; padding: 1mm 2mm; color: #333; font-size: 9pt; }
img { display: block; max-width: 100%; max-height: 62mm; width: auto; height: auto; margin: 1.5mm auto; border: 1px solid #999; }
.teacher img { max-height: 72mm; }
@media print {
  body { margin: 0; padding: 0; max-width: none; }
  .sheet { padding: 12mm; box-decoration-break: clone; -webkit-box-decoration-break: clone;
    break-after: page; page-break-after: always; }
  .sheet:last-child { break-after: auto; page-break-after: auto; }
}
</style>
";

/// `?paper=a4` or `?paper=letter` in the page's address picks the paper size (a test
/// prints both); without it the printer's own size is used. The page keeps no margin (see
/// `STYLE`).
const PAPER_SCRIPT: &str = "<script>
(function () {
  var paper = new URLSearchParams(location.search).get('paper');
  var sizes = { a4: 'A4', letter: 'letter' };
  if (sizes[paper]) {
    var style = document.createElement('style');
    style.textContent = '@page { size: ' + sizes[paper] + '; margin: 0; }';
    document.head.appendChild(style);
  }
})();
</script>
";

/// Text as HTML: the five characters with a meaning there, escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps<'a>(question: &'a [u8], answered: &'a [u8]) -> Vec<HandoutStep<'a>> {
        let task = HandoutTask::Question {
            question: "Which is larger?".into(),
            choices: vec!["KL(P||Q)".into(), "KL(Q||P)".into()],
            answer: "KL(Q||P)".into(),
            why: "Q puts little mass where P is sure".into(),
        };
        vec![
            HandoutStep { number: 1, text: "p < q & q > 0", task: None, picture: question, answered: None },
            HandoutStep { number: 2, text: "Guess", task: Some(task), picture: question, answered: Some(answered) },
            HandoutStep {
                number: 3,
                text: "Move Q",
                task: Some(HandoutTask::Goal("Make KL(P||Q) smaller than 0.1 bits.".into())),
                picture: question,
                answered: None,
            },
        ]
    }

    #[test]
    fn the_students_copy_has_room_to_write_and_no_answers() {
        let (question, answered) = ([1u8, 2, 3], [4u8, 5]);
        let html = handout_html("KL \"blows\" up", &steps(&question, &answered), Audience::Student);
        assert!(html.contains("<title>KL &quot;blows&quot; up</title>"));
        assert!(html.contains("<p>p &lt; q &amp; q &gt; 0</p>"));
        assert!(html.contains("<p class=\"task\">Which is larger?</p>"));
        assert!(html.contains("☐ KL(P||Q)") && html.contains("☐ KL(Q||P)"));
        assert_eq!(html.matches("class=\"write\"").count(), 2, "room to write under the question and the goal");
        // Every step's own picture, never the answered one, and no answer or why.
        assert_eq!(html.matches("base64,AQID\"").count(), 3);
        assert!(!html.contains("base64,BAU=\""));
        assert!(!html.contains("Answer:") && !html.contains("little mass"));
    }

    #[test]
    fn the_students_copy_leaves_out_a_step_that_tells_an_earlier_answer() {
        let (question, answered) = ([1u8, 2, 3], [4u8, 5]);
        let mut all = steps(&question, &answered);
        let told = HandoutStep { number: 4, text: "It was KL(Q||P)", task: None, picture: &answered, answered: None };
        all.push(told);
        let student = handout_html("t", &all, Audience::Student);
        assert!(!student.contains("It was KL(Q||P)") && !student.contains("base64,BAU=\""), "{student}");
        assert!(student.contains("<p>p &lt; q &amp; q &gt; 0</p>"), "a step before any question stays");
        assert!(student.contains("Make KL(P||Q) smaller"), "a step that asks stays");
        let teacher = handout_html("t", &all, Audience::Teacher);
        assert!(teacher.contains("It was KL(Q||P)"));
        assert_eq!(shown_steps(&all, Audience::Student).len(), 3);
        assert_eq!(shown_steps(&all, Audience::Teacher).len(), 4);
    }

    #[test]
    fn the_teachers_copy_shows_the_answer_its_why_and_the_answered_picture() {
        let (question, answered) = ([1u8, 2, 3], [4u8, 5]);
        let html = handout_html("t", &steps(&question, &answered), Audience::Teacher);
        assert!(html.contains("<b>Answer:</b> KL(Q||P). <b>Why:</b> Q puts little mass where P is sure."));
        assert_eq!(html.matches("base64,BAU=\"").count(), 1);
        assert_eq!(html.matches("base64,AQID\"").count(), 2);
        assert!(!html.contains("class=\"write\""));
    }

    #[test]
    fn steps_go_two_to_a_sheet_and_each_step_once() {
        let (question, answered) = ([1u8], [2u8]);
        for copy in [Audience::Student, Audience::Teacher] {
            let html = handout_html("t", &steps(&question, &answered), copy);
            assert_eq!(html.matches("<div class=\"sheet\">").count(), 2, "3 steps on 2 sheets");
            assert_eq!(html.matches("<p>Guess</p>").count(), 1, "the step's text once");
            assert!(html.contains("break-after: page") && html.contains("break-inside: avoid"));
            assert!(html.contains("@page"));
        }
    }

    #[test]
    fn the_page_has_no_margin_for_a_browsers_header_and_each_sheet_carries_its_own() {
        let (question, answered) = ([1u8], [2u8]);
        let html = handout_html("t", &steps(&question, &answered), Audience::Student);
        // Every @page rule, the paper script's too, leaves no margin.
        let rules: Vec<&str> = html.split("@page {").skip(1).map(|rule| rule.split('}').next().unwrap_or("")).collect();
        assert_eq!(rules.len(), 2, "{rules:?}");
        for rule in &rules {
            assert!(rule.contains("margin: 0;") && !rule.contains("mm"), "@page {{{rule}}}");
        }
        // The sheets' padding is the margin, on every page a sheet runs onto.
        let sheet = html.split(".sheet {").nth(1).and_then(|rule| rule.split('}').next()).unwrap_or("");
        assert!(sheet.contains("padding: 12mm;") && sheet.contains("box-decoration-break: clone;"), "{sheet}");
    }
}
