//! Fitting a label into a width, measured with the font it is drawn in: never guessed
//! from a width per glyph, which is wrong for "m" and "i" alike and for every text scale.

use eframe::egui::{self, FontId};

/// How wide `text` is in `font`. egui caches the layout, so asking again is cheap.
pub fn text_width(painter: &egui::Painter, text: &str, font: &FontId) -> f32 {
    painter.layout_no_wrap(text.to_string(), font.clone(), egui::Color32::PLACEHOLDER).size().x
}

/// `text` if it fits in `width`, else its longest beginning that fits with "…" after it
/// (always at least one character, so a bar never loses its name entirely).
pub fn fit_to_width(painter: &egui::Painter, text: &str, font: &FontId, width: f32) -> String {
    if text_width(painter, text, font) <= width {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let cut = |k: usize| -> String {
        let mut shown: String = chars[..k].iter().collect();
        shown.truncate(shown.trim_end().len());
        shown.push('…');
        shown
    };
    // The longest k whose cut fits: fitting only gets harder as k grows.
    let (mut low, mut high) = (1, chars.len().saturating_sub(1).max(1));
    while low < high {
        let mid = (low + high).div_ceil(2);
        if text_width(painter, &cut(mid), font) <= width { low = mid } else { high = mid - 1 }
    }
    cut(low)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn painter() -> egui::Painter {
        let ctx = egui::Context::default();
        let mut painter = None;
        // Fonts exist once a pass has run.
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| painter = Some(ui.painter().clone()));
        output.textures_delta.clear();
        painter.expect("a pass gives a painter")
    }

    #[test]
    fn a_label_is_cut_to_what_its_font_fits() {
        let painter = painter();
        let font = FontId::proportional(15.0);
        let label = "hedged answer with a long tail";
        assert_eq!(fit_to_width(&painter, label, &font, 10_000.0), label);
        let width = text_width(&painter, label, &font) * 0.5;
        let shown = fit_to_width(&painter, label, &font, width);
        assert!(shown.ends_with('…') && shown.chars().count() < label.chars().count(), "{shown}");
        assert!(text_width(&painter, &shown, &font) <= width, "{shown} is wider than {width}");
        // One more character would not have fitted.
        let longer: String = label.chars().take(shown.chars().count()).collect::<String>() + "…";
        assert!(text_width(&painter, &longer, &font) > width, "{longer} would have fitted");
        // Narrow letters fit more of them than wide ones in the same width.
        let narrow = fit_to_width(&painter, "iiiiiiiiiiiiiiiiiiii", &font, 40.0);
        let wide = fit_to_width(&painter, "MMMMMMMMMMMMMMMMMMMM", &font, 40.0);
        assert!(narrow.chars().count() > wide.chars().count(), "{narrow} vs {wide}");
        assert_eq!(fit_to_width(&painter, "MMMM", &font, 1.0).chars().count(), 2, "one letter and the ellipsis");
    }
}
