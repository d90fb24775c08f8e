//! A printed picture (a handout's) has nothing to click: while a pass draws one, panels
//! and views leave their buttons out. Set on the picture's own context, never the window's.

use eframe::egui;

fn printing_id() -> egui::Id {
    egui::Id::unique("printing a handout picture")
}

/// Marks the passes of `ctx` as drawing a printed picture (or not).
pub fn set_printing(ctx: &egui::Context, printing: bool) {
    ctx.data_mut(|data| data.insert_temp(printing_id(), printing));
}

/// Whether this pass draws a printed picture: leave buttons out.
pub fn printing(ui: &egui::Ui) -> bool {
    ui.ctx().data(|data| data.get_temp::<bool>(printing_id())).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printing_is_off_until_set_and_stays_on_its_context() {
        let (printed, window) = (egui::Context::default(), egui::Context::default());
        set_printing(&printed, true);
        let seen = |ctx: &egui::Context| {
            let mut seen = None;
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| seen = Some(printing(ui)));
            output.textures_delta.clear();
            seen
        };
        assert_eq!(seen(&printed), Some(true));
        assert_eq!(seen(&window), Some(false));
        set_printing(&printed, false);
        assert_eq!(seen(&printed), Some(false));
    }
}
