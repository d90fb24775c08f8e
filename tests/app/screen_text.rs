//! Every text on screen, as the tests that look for a hidden number read it: what was
//! painted (labels, plot text, table cells) and every widget's accessible label and value,
//! with the numbers in it parsed. A plot's tick labels are told apart (they are its scale,
//! not a value): egui_plot paints them just outside the plot's frame, the rectangle its
//! items are clipped to.

use eframe::egui::{self, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::NodeT;
use klscope::app::KlApp;

/// One text: what it says, whether it is a plot's tick label, and for a painted text where
/// it is, its size, and whether it lies wholly inside a plot's frame.
pub struct Piece {
    pub text: String,
    pub tick: bool,
    pub rect: Option<Rect>,
    pub size: f32,
    pub inside_plot: bool,
}

/// Every piece of text on screen.
pub fn pieces(harness: &Harness<'_, KlApp>) -> Vec<Piece> {
    let shapes = &harness.output().shapes;
    // A plot paints its background on its frame, clipped to the frame.
    let frames: Vec<Rect> = shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            egui::Shape::Rect(rect) if same(rect.rect, clipped.clip_rect) && rect.rect.area() > 2000.0 => {
                Some(rect.rect)
            }
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    fn walk(shape: &egui::Shape, frames: &[Rect], out: &mut Vec<Piece>) {
        match shape {
            egui::Shape::Text(text) => {
                let rect = text.visual_bounding_rect();
                let size = text.galley.job.sections.iter().map(|s| s.format.font_id.size).fold(0.0, f32::max);
                out.push(Piece {
                    text: text.galley.text().to_string(),
                    tick: frames.iter().any(|f| is_tick(rect, *f)),
                    rect: Some(rect),
                    size,
                    inside_plot: frames.iter().any(|f| f.contains_rect(rect)),
                })
            }
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, frames, out)),
            _ => {}
        }
    }
    for clipped in shapes {
        walk(&clipped.shape, &frames, &mut out);
    }
    for node in harness.root().children_recursive() {
        let node = node.accesskit_node();
        for text in [node.label(), node.value()].into_iter().flatten() {
            out.push(Piece { text: text.to_string(), tick: false, rect: None, size: 0.0, inside_plot: false });
        }
    }
    out
}

/// Every text on screen, one per line.
pub fn shown_text(harness: &Harness<'_, KlApp>) -> String {
    pieces(harness).into_iter().map(|piece| piece.text + "\n").collect()
}

fn same(a: Rect, b: Rect) -> bool {
    (a.min - b.min).length() < 0.5 && (a.max - b.max).length() < 0.5
}

/// A y tick label ends at the frame's left edge beside its height; an x tick label hangs
/// from the frame's bottom edge under its place.
fn is_tick(text: Rect, frame: Rect) -> bool {
    let y_tick = text.right() <= frame.left() + 6.0
        && text.right() >= frame.left() - 12.0
        && frame.y_range().expand(4.0).contains(text.center().y);
    let x_tick = text.top() >= frame.bottom() - 2.0
        && text.top() <= frame.bottom() + 6.0
        && frame.x_range().expand(24.0).contains(text.center().x);
    y_tick || x_tick
}

/// Every number written in `text`: "0.05293", "−1.5", "1.80e-5", "12,345"; a digit glued
/// to a letter counts too ("o1": 1). Unicode minus signs count as minus.
pub fn numbers(text: &str) -> Vec<f64> {
    tokens(text).into_iter().map(|(_, value)| value).collect()
}

/// Every number written in `text`, with the digits it was written with (without its sign).
pub fn tokens(text: &str) -> Vec<(String, f64)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts =
            chars[i].is_ascii_digit() || (chars[i] == '.' && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()));
        if !starts {
            i += 1;
            continue;
        }
        let negative = i > 0 && matches!(chars[i - 1], '-' | '−');
        let start = i;
        let mut body = String::new();
        while i < chars.len() {
            let c = chars[i];
            let next_digit = chars.get(i + 1).is_some_and(|c| c.is_ascii_digit());
            if c.is_ascii_digit() || (c == '.' && !body.contains('.')) {
                body.push(c);
            } else if c == ',' && next_digit && !body.contains('.') && chars[start..i].len() <= 3 {
                // a thousands separator: "12,345"
            } else if (c == 'e' || c == 'E')
                && (next_digit
                    || (matches!(chars.get(i + 1), Some('-' | '−' | '+'))
                        && chars.get(i + 2).is_some_and(|c| c.is_ascii_digit())))
            {
                body.push('e');
                if let Some(&sign) = chars.get(i + 1).filter(|c| !c.is_ascii_digit()) {
                    body.push(if sign == '+' { '+' } else { '-' });
                    i += 1;
                }
            } else {
                break;
            }
            i += 1;
        }
        // A leading zero before a digit is no number anyone writes: a code word ("01").
        let code_word = body.len() > 1 && body.starts_with('0') && body[1..].starts_with(|c: char| c.is_ascii_digit());
        if code_word {
            continue;
        }
        if let Ok(value) = body.trim_end_matches('.').parse::<f64>() {
            let written: String = chars[start..i].iter().collect();
            out.push((written, if negative { -value } else { value }));
        }
    }
    out
}

#[test]
fn numbers_are_read_as_a_person_reads_them() {
    assert_eq!(numbers("KL(Q||P)\n0.06406 bits"), vec![0.06406]);
    assert_eq!(numbers("−1.000 and 1.80e-5, 3 numbers; 12,345"), vec![-1.0, 1.8e-5, 3.0, 12345.0]);
    assert_eq!(numbers("log₂ p, H(P) = ?"), Vec::<f64>::new());
    assert_eq!(numbers("step 4 of 6."), vec![4.0, 6.0]);
}
