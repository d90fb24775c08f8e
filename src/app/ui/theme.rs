//! Colours and text sizes. P is always blue and Q always orange (the Okabe–Ito pair,
//! safe for the common forms of colour blindness), in both themes; shades differ per
//! theme so text stays readable on either background.

use eframe::egui::{self, Color32, FontId, TextStyle};

use crate::app::model::state::ThemeChoice;
use crate::info::{Direction, Side};

/// The colour of P or Q on the current background.
pub fn color(ui: &egui::Ui, side: Side) -> Color32 {
    side_color(ui.visuals().dark_mode, side)
}

pub fn side_color(dark_mode: bool, side: Side) -> Color32 {
    match (side, dark_mode) {
        (Side::P, true) => Color32::from_rgb(86, 180, 233),
        (Side::P, false) => Color32::from_rgb(0, 114, 178),
        (Side::Q, true) => Color32::from_rgb(240, 170, 40),
        (Side::Q, false) => Color32::from_rgb(196, 116, 0),
    }
}

/// A fainter fill of a side's colour, for bar bodies and backgrounds.
pub fn fill(ui: &egui::Ui, side: Side) -> Color32 {
    color(ui, side).gamma_multiply(0.75)
}

/// The colour of divergences in the identity view: neither P's nor Q's.
pub fn divergence(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode { Color32::from_rgb(204, 121, 167) } else { Color32::from_rgb(160, 70, 130) }
}

/// The three sample estimators of KL (k1, k2, k3): the divergence colour, then the
/// Okabe–Ito vermillion and bluish green, so none is mistaken for P or Q.
pub fn estimator_colors(ui: &egui::Ui) -> [Color32; 3] {
    let dark = ui.visuals().dark_mode;
    let k2 = if dark { Color32::from_rgb(230, 120, 40) } else { Color32::from_rgb(213, 94, 0) };
    let k3 = if dark { Color32::from_rgb(40, 190, 140) } else { Color32::from_rgb(0, 140, 100) };
    [divergence(ui), k2, k3]
}

/// Infinity and errors: loud.
pub fn alarm(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode { Color32::from_rgb(255, 110, 80) } else { Color32::from_rgb(200, 40, 0) }
}

/// The two directions of KL drawn side by side: forward KL(P||x) in the divergence
/// colour, reverse KL(x||P) in the Okabe–Ito bluish green.
pub fn kl_direction(ui: &egui::Ui, direction: Direction) -> Color32 {
    match direction {
        Direction::Forward => divergence(ui),
        Direction::Reverse => estimator_colors(ui)[2],
    }
}

/// A heat map's colour at `t` in [0, 1]: viridis (perceptually even, colour-blind safe,
/// and neither P's blue nor Q's orange at its ends), interpolated between its stops.
pub fn heat(t: f32) -> Color32 {
    const STOPS: [[u8; 3]; 9] = [
        [68, 1, 84],
        [71, 44, 122],
        [59, 81, 139],
        [44, 113, 142],
        [33, 144, 141],
        [39, 173, 129],
        [92, 200, 99],
        [170, 220, 50],
        [253, 231, 37],
    ];
    let x = t.clamp(0.0, 1.0) * (STOPS.len() - 1) as f32;
    let k = (x.floor() as usize).min(STOPS.len() - 2);
    let f = x - k as f32;
    let mix = |c: usize| (f32::from(STOPS[k][c]) * (1.0 - f) + f32::from(STOPS[k + 1][c]) * f).round() as u8;
    Color32::from_rgb(mix(0), mix(1), mix(2))
}

/// The two stripes of an infinite region of a heat map: the alarm colour and a dark
/// one, so ∞ never passes for the scale's top colour.
pub fn infinity_stripes(dark_mode: bool) -> [Color32; 2] {
    if dark_mode {
        [Color32::from_rgb(255, 110, 80), Color32::from_rgb(70, 20, 10)]
    } else {
        [Color32::from_rgb(200, 40, 0), Color32::from_rgb(255, 215, 200)]
    }
}

/// The highlight of the selected outcome.
pub fn selection(ui: &egui::Ui) -> Color32 {
    ui.visuals().text_color().gamma_multiply(0.09)
}

/// Switches egui to the chosen background (only when it differs: switching repaints).
pub fn apply_theme(ctx: &egui::Context, choice: ThemeChoice) {
    let wanted = match choice {
        ThemeChoice::Dark => egui::Theme::Dark,
        ThemeChoice::Light => egui::Theme::Light,
    };
    if ctx.theme() != wanted {
        ctx.set_theme(wanted);
    }
}

/// Larger text than egui's defaults (this is read from the back of a classroom), and
/// arrows that the proportional font lacks taken from the bundled monospace font, so
/// every glyph shows on any machine without relying on system fonts.
pub fn apply_text_sizes(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    if let Some(proportional) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
        proportional.push("Hack".to_owned());
    }
    ctx.set_fonts(fonts);
    set_text_scale(ctx, 1.0);
}

/// How much larger presentation mode's type is: 15 px body text becomes 26 px, which
/// reads from the back of a room at 1024×768.
pub const PRESENTATION_SCALE: f32 = 1.75;

/// Normal or presentation-sized type; changes the style only when it differs.
pub fn apply_presentation_text(ctx: &egui::Context, presenting: bool) {
    let scale = if presenting { PRESENTATION_SCALE } else { 1.0 };
    let body = ctx.global_style().text_styles.get(&TextStyle::Body).map_or(0.0, |font| font.size);
    if (body - BODY * scale).abs() > 0.01 {
        set_text_scale(ctx, scale);
    }
}

/// Body text in normal mode, in points; every other size is named from it.
pub const BODY_SIZE: f32 = 15.0;
/// Small text (axis notes, a vocabulary's tail) in normal mode.
pub const SMALL_SIZE: f32 = 12.0;
/// How much larger the measures panel's numbers are than body text: 24 px beside 15 px.
pub const BIG_NUMBER_RATIO: f32 = 1.6;
/// How much larger ∞ is drawn than the digits beside it: at their size the glyph is a dot.
pub const INFINITY_RATIO: f32 = 1.6;
const BODY: f32 = BODY_SIZE;

fn set_text_scale(ctx: &egui::Context, scale: f32) {
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Small, FontId::proportional(SMALL_SIZE * scale)),
            (TextStyle::Body, FontId::proportional(BODY * scale)),
            (TextStyle::Button, FontId::proportional(BODY * scale)),
            (TextStyle::Heading, FontId::proportional(20.0 * scale)),
            (TextStyle::Monospace, FontId::monospace(14.0 * scale)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0) * scale.sqrt();
        style.spacing.button_padding = egui::vec2(8.0, 3.0) * scale.sqrt();
        style.spacing.interact_size.y = 20.0 * scale;
    });
}

/// Scales every text style of `style` by `factor` (for one part of the screen).
pub fn scale_text(style: &mut egui::Style, factor: f32) {
    for font in style.text_styles.values_mut() {
        font.size *= factor;
    }
}

/// The size of body text here (normal or presentation).
pub fn body_size(ui: &egui::Ui) -> f32 {
    egui::TextStyle::Body.resolve(ui.style()).size
}

/// The size of the big numbers in the measures panel: 24 px beside 15 px text.
pub fn big_number(ui: &egui::Ui) -> f32 {
    body_size(ui) * BIG_NUMBER_RATIO
}

/// How much larger text is here than in normal mode: 1, or presentation mode's scale.
pub fn text_scale(ui: &egui::Ui) -> f32 {
    body_size(ui) / BODY_SIZE
}

/// A right answer, a goal met: the Okabe–Ito bluish green.
pub fn success(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode { Color32::from_rgb(40, 190, 140) } else { Color32::from_rgb(0, 130, 90) }
}

/// The lesson strip stands out from the panels around it.
pub fn lesson_background(ui: &egui::Ui) -> Color32 {
    let base = ui.visuals().panel_fill;
    let tint = divergence(ui);
    base.lerp_to_gamma(tint, 0.12)
}

/// A plot that fills `height` and stays put: no panning or zooming that would lose the
/// picture in front of a class; hovering still shows values.
pub fn still_plot(id: &str, height: f32) -> egui_plot::Plot<'_> {
    egui_plot::Plot::new(id)
        .height(height.max(100.0))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
}
