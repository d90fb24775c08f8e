//! A lesson's handout: one self-contained HTML page (pictures embedded as data URLs) that
//! reads on screen and prints one step per block, never split across pages.

use base64::Engine;

/// One step of the handout.
pub struct HandoutStep<'a> {
    pub number: usize,
    pub text: &'a str,
    /// The step's question or goal, if it has one.
    pub task: Option<String>,
    /// The step's picture, then the picture with the answer revealed (if it asks).
    pub pictures: Vec<&'a [u8]>,
}

/// The page for `title` and its steps.
pub fn handout_html(title: &str, steps: &[HandoutStep<'_>]) -> String {
    let mut html = String::new();
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str(&format!("<title>{}</title>\n", escape(title)));
    html.push_str(STYLE);
    html.push_str("</head>\n<body>\n");
    html.push_str(&format!("<h1>{}</h1>\n", escape(title)));
    for step in steps {
        html.push_str("<section class=\"step\">\n");
        html.push_str(&format!("<h2>Step {}</h2>\n<p>{}</p>\n", step.number, escape(step.text)));
        if let Some(task) = &step.task {
            html.push_str(&format!("<p class=\"task\">{}</p>\n", escape(task)));
        }
        for (i, png) in step.pictures.iter().enumerate() {
            let alt = if i == 0 { format!("Step {}", step.number) } else { format!("Step {}, answered", step.number) };
            let data = base64::engine::general_purpose::STANDARD.encode(png);
            html.push_str(&format!("<img alt=\"{alt}\" src=\"data:image/png;base64,{data}\">\n"));
        }
        html.push_str("</section>\n");
    }
    html.push_str("</body>\n</html>\n");
    html
}

const STYLE: &str = "<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
h1 { font-size: 1.8rem; }
.step { margin: 2rem 0; break-inside: avoid; page-break-inside: avoid; }
.task { font-weight: bold; }
img { display: block; width: 100%; height: auto; margin: 0.5rem 0; border: 1px solid #ccc; }
@media print { body { margin: 0; max-width: none; } .step { margin: 0 0 1rem; } img { max-height: 45vh; width: auto; max-width: 100%; } }
</style>
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

    #[test]
    fn the_page_holds_every_step_its_pictures_and_escaped_text() {
        let (a, b) = ([1u8, 2, 3], [4u8, 5]);
        let steps = [
            HandoutStep { number: 1, text: "p < q & q > 0", task: None, pictures: vec![&a] },
            HandoutStep { number: 2, text: "Guess", task: Some("Which is larger?".into()), pictures: vec![&a, &b] },
        ];
        let html = handout_html("KL \"blows\" up", &steps);
        assert!(html.contains("<title>KL &quot;blows&quot; up</title>"));
        assert!(html.contains("<p>p &lt; q &amp; q &gt; 0</p>"));
        assert!(html.contains("<p class=\"task\">Which is larger?</p>"));
        assert_eq!(html.matches("data:image/png;base64,").count(), 3);
        assert!(html.contains("base64,AQID\"") && html.contains("base64,BAU=\""));
        assert!(html.contains("page-break-inside: avoid"));
    }
}
