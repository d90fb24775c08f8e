//! Colours and text sizes. P is always blue and Q always orange (the Okabe–Ito pair,
//! safe for the common forms of colour blindness), in both themes; shades differ per
//! theme so text stays readable on either background.

use eframe::egui::{self, Color32, FontId, TextStyle};

use crate::app::model::state::ThemeChoice;
use crate::info::{Direction, Side};

/// Every colour text is drawn in, and every background text is drawn on, named once per
/// theme. The light theme is made for projectors (what most classrooms use): white
/// panels, near-black text, and P, Q and the divergences dark enough to read as text
/// while their bars keep the saturated Okabe–Ito blue and orange. A unit test checks
/// that every text token reads at least 4.5:1 (WCAG AA) on every background it is
/// drawn on, in both themes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    // Backgrounds.
    /// Panels and windows.
    pub panel: Color32,
    /// Text fields and plots.
    pub canvas: Color32,
    /// The boxes of the measures.
    pub faint: Color32,
    /// Buttons.
    pub button: Color32,
    // Text.
    /// Body text.
    pub text: Color32,
    /// Secondary text: unselected outcome names, notes, sums' names, tick labels.
    pub muted: Color32,
    /// Headings and the selected outcome.
    pub strong: Color32,
    /// P's and Q's text and lines.
    pub p: Color32,
    pub q: Color32,
    /// Divergences (the identity bars, forward KL).
    pub divergence: Color32,
    /// Infinity and errors.
    pub alarm: Color32,
    /// Right answers, goals met; also the k3 estimator and reverse KL.
    pub success: Color32,
    /// The k2 estimator (Okabe–Ito vermillion).
    pub vermillion: Color32,
    // Fills that text is written on (the identity bars) and bars.
    pub p_fill: Color32,
    pub q_fill: Color32,
    pub divergence_fill: Color32,
    pub alarm_fill: Color32,
}

/// The dark theme's tokens.
pub const DARK: Palette = Palette {
    panel: Color32::from_gray(27),
    canvas: Color32::from_gray(12),
    faint: Color32::from_gray(36),
    button: Color32::from_gray(55),
    text: Color32::from_gray(215),
    muted: Color32::from_gray(170),
    strong: Color32::from_gray(250),
    p: Color32::from_rgb(86, 180, 233),
    q: Color32::from_rgb(240, 170, 40),
    divergence: Color32::from_rgb(214, 136, 180),
    alarm: Color32::from_rgb(255, 115, 85),
    success: Color32::from_rgb(40, 190, 140),
    vermillion: Color32::from_rgb(236, 128, 52),
    p_fill: Color32::from_rgb(86, 180, 233),
    q_fill: Color32::from_rgb(230, 159, 0),
    divergence_fill: Color32::from_rgb(204, 121, 167),
    alarm_fill: Color32::from_rgb(255, 110, 80),
};

/// The light (projector) theme's tokens.
pub const LIGHT: Palette = Palette {
    panel: Color32::WHITE,
    canvas: Color32::WHITE,
    faint: Color32::from_gray(238),
    button: Color32::from_gray(226),
    text: Color32::from_gray(20),
    muted: Color32::from_gray(78),
    strong: Color32::BLACK,
    p: Color32::from_rgb(0, 100, 160),
    q: Color32::from_rgb(150, 80, 0),
    divergence: Color32::from_rgb(150, 60, 120),
    alarm: Color32::from_rgb(190, 35, 0),
    success: Color32::from_rgb(0, 115, 80),
    vermillion: Color32::from_rgb(180, 70, 0),
    p_fill: Color32::from_rgb(0, 114, 178),
    q_fill: Color32::from_rgb(230, 159, 0),
    divergence_fill: Color32::from_rgb(160, 70, 130),
    alarm_fill: Color32::from_rgb(200, 40, 0),
};

/// The tokens of the dark or the light theme.
pub fn palette_of(dark_mode: bool) -> &'static Palette {
    if dark_mode { &DARK } else { &LIGHT }
}

/// The tokens of the theme `ui` draws in.
pub fn palette(ui: &egui::Ui) -> &'static Palette {
    palette_of(ui.visuals().dark_mode)
}

/// The background of the lesson's strip: the panel tinted towards the divergence colour.
pub fn lesson_fill(palette: &Palette) -> Color32 {
    palette.panel.lerp_to_gamma(palette.divergence_fill, 0.12)
}

/// The selected outcome's slot as text sees it: the panel with a little of the text
/// colour (what [`selection`] composes to).
pub fn selection_fill(palette: &Palette) -> Color32 {
    palette.panel.lerp_to_gamma(palette.text, SELECTION_SHARE)
}

/// The ELBO picture's bars, each with the ink its name is written in on it: log p(x) (a
/// button's fill and the text colour), the ELBO (q's, so Q's fill) and the gap, KL(q ||
/// posterior) (the divergences' fill).
pub fn elbo_bars(palette: &Palette) -> [(Color32, Color32); 3] {
    [
        (palette.button, palette.text),
        (palette.q_fill, ink_on(palette.q_fill)),
        (palette.divergence_fill, ink_on(palette.divergence_fill)),
    ]
}

/// Black or white, whichever reads better on `fill` (text inside a bar).
pub fn ink_on(fill: Color32) -> Color32 {
    if contrast(Color32::BLACK, fill) >= contrast(Color32::WHITE, fill) { Color32::BLACK } else { Color32::WHITE }
}

/// WCAG's relative luminance of an opaque colour.
pub fn luminance(color: Color32) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * channel(color.r()) + 0.7152 * channel(color.g()) + 0.0722 * channel(color.b())
}

/// WCAG's contrast ratio of two opaque colours, 1 to 21.
pub fn contrast(a: Color32, b: Color32) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// egui's visuals for a theme, with the theme's tokens for text and backgrounds.
pub fn visuals(dark_mode: bool) -> egui::Visuals {
    let palette = palette_of(dark_mode);
    let mut visuals = if dark_mode { egui::Visuals::dark() } else { egui::Visuals::light() };
    visuals.panel_fill = palette.panel;
    visuals.window_fill = palette.panel;
    visuals.extreme_bg_color = palette.canvas;
    visuals.faint_bg_color = palette.faint;
    visuals.weak_text_color = Some(palette.muted);
    visuals.widgets.noninteractive.fg_stroke.color = palette.text;
    visuals.widgets.noninteractive.bg_fill = palette.panel;
    visuals.widgets.noninteractive.weak_bg_fill = palette.panel;
    visuals.widgets.inactive.fg_stroke.color = palette.text;
    visuals.widgets.inactive.weak_bg_fill = palette.button;
    visuals.widgets.inactive.bg_fill = palette.button;
    visuals.widgets.hovered.fg_stroke.color = palette.strong;
    visuals.widgets.active.fg_stroke.color = palette.strong;
    visuals.widgets.open.fg_stroke.color = palette.strong;
    visuals
}

/// The colour of P or Q on the current background.
pub fn color(ui: &egui::Ui, side: Side) -> Color32 {
    side_color(ui.visuals().dark_mode, side)
}

pub fn side_color(dark_mode: bool, side: Side) -> Color32 {
    let palette = palette_of(dark_mode);
    match side {
        Side::P => palette.p,
        Side::Q => palette.q,
    }
}

/// A side's bar fill: the saturated Okabe–Ito blue or orange.
pub fn fill(ui: &egui::Ui, side: Side) -> Color32 {
    let palette = palette(ui);
    match side {
        Side::P => palette.p_fill,
        Side::Q => palette.q_fill,
    }
}

/// The colour of divergences in the identity view: neither P's nor Q's.
pub fn divergence(ui: &egui::Ui) -> Color32 {
    palette(ui).divergence
}

/// The three sample estimators of KL (k1, k2, k3): the divergence colour, then the
/// Okabe–Ito vermillion and bluish green, so none is mistaken for P or Q.
pub fn estimator_colors(ui: &egui::Ui) -> [Color32; 3] {
    let palette = palette(ui);
    [palette.divergence, palette.vermillion, palette.success]
}

/// Infinity and errors: loud.
pub fn alarm(ui: &egui::Ui) -> Color32 {
    palette(ui).alarm
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

/// The highlight of the selected outcome: translucent, so grid lines and notes drawn
/// before it still show; on the panel it composes to [`selection_fill`].
pub fn selection(ui: &egui::Ui) -> Color32 {
    palette(ui).text.gamma_multiply(SELECTION_SHARE)
}

const SELECTION_SHARE: f32 = 0.09;

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
    ctx.set_visuals_of(egui::Theme::Dark, visuals(true));
    ctx.set_visuals_of(egui::Theme::Light, visuals(false));
    ctx.set_fonts(font_definitions());
    set_text_scale(ctx, 1.0);
}

/// The name of the one-glyph font that draws χ (see `assets/fonts/chi-LICENSE.txt`).
const CHI_FONT: &str = "klscope chi";

/// egui's fonts, with χ drawn from a font whose χ does not look like a Latin x (it comes
/// first, so it wins for the one glyph it has; its line metrics are the body font's, so
/// lines keep their height), and arrows the body font lacks from the monospace font.
fn font_definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    let chi = egui::FontData::from_static(include_bytes!("../../../assets/fonts/chi.ttf"));
    fonts.font_data.insert(CHI_FONT.to_owned(), std::sync::Arc::new(chi));
    if let Some(proportional) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
        proportional.insert(0, CHI_FONT.to_owned());
        proportional.push("Hack".to_owned());
    }
    fonts
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
/// The least height of a student's answer button in a classroom: a fingertip's.
pub const ROOM_BUTTON_HEIGHT: f32 = 44.0;
/// How much larger a room's join code is than body text, so it reads from the back.
pub const JOIN_CODE_RATIO: f32 = 2.6;
/// A QR code is dark on light whatever the theme: readers expect it so.
pub const QR_INK: Color32 = Color32::BLACK;
pub const QR_PAPER: Color32 = Color32::WHITE;

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
        // Solid scroll bars, shown whenever content is taller or wider than its area: a
        // floating bar is invisible until hovered, and the class would never know there
        // is more below.
        style.spacing.scroll = egui::style::ScrollStyle::solid();
    });
}

/// Below this width, in points, the window lays out in one column that scrolls (a phone
/// held upright, a narrow window): the desktop's columns would cut each other.
pub const NARROW_BELOW: f32 = 600.0;
/// Below this height, in points, too (a phone on its side): the desktop's rows would not
/// fit above one another.
pub const SHORT_BELOW: f32 = 500.0;
/// The smallest thing a finger taps reliably, in points (Apple's and Google's 44–48).
pub const TOUCH_TARGET: f32 = 44.0;
/// The bars' share of the one-column page's visible height, and its bounds in points.
pub const NARROW_EDITORS_SHARE: f32 = 0.6;
pub const NARROW_EDITORS_HEIGHT: std::ops::RangeInclusive<f32> = 280.0..=460.0;
/// The view's share of the one-column page's visible height, and its bounds in points.
pub const NARROW_VIEW_SHARE: f32 = 0.85;
pub const NARROW_VIEW_HEIGHT: std::ops::RangeInclusive<f32> = 300.0..=760.0;

/// True when a window of `size` points takes the one-column layout.
pub fn is_narrow(size: egui::Vec2) -> bool {
    size.x < NARROW_BELOW || size.y < SHORT_BELOW
}

/// Buttons, fields and menus a finger can hit, and a scroll bar that is always drawn
/// beside the content (a page that scrolls must show that it does).
pub fn touch_style(style: &mut egui::Style) {
    style.spacing.interact_size.y = style.spacing.interact_size.y.max(TOUCH_TARGET);
    style.spacing.scroll = egui::style::ScrollStyle::solid();
}

/// Scales every text style of `style` by `factor` (for one part of the screen).
pub fn scale_text(style: &mut egui::Style, factor: f32) {
    for font in style.text_styles.values_mut() {
        font.size *= factor;
    }
}

/// Small text as large as body text: on a slide a note is read from the back of the room
/// like everything else (the densities screen's notes in presentation mode).
pub fn notes_at_body_size(style: &mut egui::Style) {
    if let Some(body) = style.text_styles.get(&TextStyle::Body).cloned() {
        style.text_styles.insert(TextStyle::Small, body);
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
    palette(ui).success
}

/// The lesson strip stands out from the panels around it.
pub fn lesson_background(ui: &egui::Ui) -> Color32 {
    lesson_fill(palette(ui))
}

/// Tick labels are drawn at full strength once this far apart (egui_plot fades them in
/// between a minimum and a maximum spacing, below the contrast a projector needs).
pub const TICK_SPACING_X: f32 = 60.0;
const TICK_SPACING_Y: f32 = 20.0;

/// A plot's outcome axis with labels this far apart, never faded (see `still_plot`).
pub fn unfaded_x_axis<'a>(spacing: f32) -> egui_plot::AxisHints<'a> {
    egui_plot::AxisHints::new_x().label_spacing(spacing..=spacing)
}

/// A plot that fills `height` and stays put: no panning or zooming that would lose the
/// picture in front of a class; hovering still shows values. Its tick labels are in the
/// text colour, never faded.
pub fn still_plot(id: &str, height: f32) -> egui_plot::Plot<'_> {
    egui_plot::Plot::new(id)
        .custom_x_axes(vec![unfaded_x_axis(TICK_SPACING_X)])
        .custom_y_axes(vec![egui_plot::AxisHints::new_y().label_spacing(TICK_SPACING_Y..=TICK_SPACING_Y)])
        .height(height.max(100.0))
        // Clicks and hovers only: a finger's swipe over it scrolls the page it is on.
        .sense(egui::Sense::click())
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
}

/// The type of every plot's tick labels: body text, which egui_plot draws its axes in and
/// which the plots drawn by hand (the densities) use too.
pub fn tick_font(ui: &egui::Ui) -> FontId {
    TextStyle::Body.resolve(ui.style())
}

/// The least distance between two labelled x ticks, in points.
pub const X_TICK_SPACING: f32 = TICK_SPACING_X + 1.0;

/// The least distance between two labelled y ticks in `ui`'s type: a label's row (egui_plot
/// leaves out labels closer than that), or more.
pub fn y_tick_spacing(ui: &egui::Ui) -> f32 {
    let row = ui.fonts_mut(|fonts| fonts.row_height(&tick_font(ui)));
    TICK_SPACING_Y.max(row) + 1.0
}

/// Round ticks on both axes of `plot`, as close together as their labels allow in `ui`'s
/// type, so that every axis labels three values or more (see `ui::ticks`).
pub fn round_ticks<'a>(plot: egui_plot::Plot<'a>, ui: &egui::Ui) -> egui_plot::Plot<'a> {
    let y_spacing = y_tick_spacing(ui);
    let label = |mark: egui_plot::GridMark, _: &std::ops::RangeInclusive<f64>| super::ticks::label(mark);
    plot.y_grid_spacer(move |input| super::ticks::round_marks(input, y_spacing))
        .x_grid_spacer(|input| super::ticks::round_marks(input, X_TICK_SPACING))
        .custom_x_axes(vec![unfaded_x_axis(TICK_SPACING_X).formatter(label)])
        .custom_y_axes(vec![
            egui_plot::AxisHints::new_y().label_spacing(TICK_SPACING_Y..=TICK_SPACING_Y).formatter(label),
        ])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text token on every background it is drawn on, by name.
    fn pairs(palette: &Palette) -> Vec<(&'static str, Color32, &'static str, Color32)> {
        let backgrounds = [
            ("panel", palette.panel),
            ("canvas", palette.canvas),
            ("faint", palette.faint),
            ("lesson strip", lesson_fill(palette)),
            ("selected slot", selection_fill(palette)),
        ];
        let texts = [
            ("text", palette.text),
            ("muted", palette.muted),
            ("strong", palette.strong),
            ("P", palette.p),
            ("Q", palette.q),
            ("divergence", palette.divergence),
            ("alarm", palette.alarm),
            ("success", palette.success),
            ("vermillion", palette.vermillion),
        ];
        let mut pairs = Vec::new();
        for (text_name, text) in texts {
            for (background_name, background) in backgrounds {
                pairs.push((text_name, text, background_name, background));
            }
        }
        // Buttons hold body text, a hovered one strong text, a selected toggle (the unit,
        // the open tab) egui's selection colours; the identity bars hold black or white.
        let visuals = visuals(std::ptr::eq(palette, &DARK));
        pairs.push(("text", palette.text, "button", palette.button));
        pairs.push(("strong", palette.strong, "hovered button", visuals.widgets.hovered.weak_bg_fill));
        pairs.push(("selected toggle", visuals.selection.stroke.color, "selection", visuals.selection.bg_fill));
        for (name, fill) in [
            ("P fill", palette.p_fill),
            ("Q fill", palette.q_fill),
            ("divergence fill", palette.divergence_fill),
            ("alarm fill", palette.alarm_fill),
        ] {
            pairs.push(("ink", ink_on(fill), name, fill));
        }
        for ((fill, ink), name) in elbo_bars(palette).into_iter().zip(["log p(x) bar", "ELBO bar", "gap bar"]) {
            pairs.push(("ELBO bar ink", ink, name, fill));
        }
        pairs
    }

    #[test]
    fn every_text_reads_at_least_4_5_to_1_on_its_background_in_both_themes() {
        let mut failures = Vec::new();
        for (theme, palette) in [("dark", &DARK), ("light", &LIGHT)] {
            for (text_name, text, background_name, background) in pairs(palette) {
                let ratio = contrast(text, background);
                eprintln!("{theme}: {text_name} on {background_name}: {ratio:.2}:1");
                if ratio < 4.5 {
                    failures.push(format!("{theme}: {text_name} on {background_name}: {ratio:.2}:1"));
                }
            }
        }
        assert!(failures.is_empty(), "below 4.5:1:\n{}", failures.join("\n"));
    }

    #[test]
    fn contrast_matches_wcag_reference_values() {
        // WCAG's extremes, and #777 on white, which the W3C's examples give as 4.48:1.
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 1e-12);
        assert!((contrast(Color32::from_gray(0x77), Color32::WHITE) - 4.48).abs() < 0.01);
        // The old light-theme orange text (196, 116, 0) on white fails, as a teacher saw.
        assert!(contrast(Color32::from_rgb(196, 116, 0), Color32::WHITE) < 4.5);
    }

    #[test]
    fn the_visuals_carry_the_tokens() {
        for dark in [true, false] {
            let visuals = visuals(dark);
            let palette = palette_of(dark);
            assert_eq!(visuals.text_color(), palette.text);
            assert_eq!(visuals.weak_text_color(), palette.muted);
            assert_eq!(visuals.panel_fill, palette.panel);
            assert_eq!(visuals.dark_mode, dark);
        }
    }

    #[test]
    fn side_colours_stay_okabe_ito_blue_and_orange_in_their_bars() {
        // P's bars blue (blue channel highest), Q's orange (red, then green, little blue).
        for palette in [&DARK, &LIGHT] {
            let (p, q) = (palette.p_fill, palette.q_fill);
            assert!(p.b() > p.g() && p.g() > p.r(), "{p:?}");
            assert!(q.r() > q.g() && q.g() > q.b(), "{q:?}");
        }
        assert_eq!(LIGHT.p_fill, Color32::from_rgb(0, 114, 178));
        assert_eq!(LIGHT.q_fill, Color32::from_rgb(230, 159, 0));
    }

    /// Lays out `text` in body type with `fonts`; its size.
    fn laid_out(fonts: egui::FontDefinitions, text: &str) -> egui::Vec2 {
        let ctx = egui::Context::default();
        ctx.set_fonts(fonts);
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        let font = egui::FontId::proportional(BODY_SIZE);
        let size = ctx.fonts_mut(|f| f.layout_no_wrap(text.to_owned(), font, Color32::WHITE).size());
        // The glyphs laid out above wait in the atlas's delta: drop them with the context.
        let mut after = ctx.run_ui(egui::RawInput::default(), |_| {});
        after.textures_delta.clear();
        size
    }

    #[test]
    fn chi_is_not_a_latin_x_and_lines_keep_their_height() {
        let ours = laid_out(font_definitions(), "χ");
        let egui_s = laid_out(egui::FontDefinitions::default(), "χ");
        let x = laid_out(font_definitions(), "x");
        assert_ne!(ours.x, egui_s.x, "χ comes from the chi font, not the body font");
        assert_ne!(ours.x, x.x, "χ is drawn unlike x");
        // Row height is the first font's: the chi font carries the body font's metrics.
        let (row, egui_row) =
            (laid_out(font_definitions(), "Ag").y, laid_out(egui::FontDefinitions::default(), "Ag").y);
        assert!((row - egui_row).abs() < 0.5, "a row is {row} points high, egui's {egui_row}");
    }
}
