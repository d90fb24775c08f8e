//! A long job's progress, at the foot of the window: what it does, how far it got, and
//! Cancel. The window keeps drawing (and working) meanwhile.

use eframe::egui;

use crate::app::model::job::JobProgress;

/// Shows `progress`; true when Cancel was pressed.
pub fn job_ui(ctx: &egui::Context, progress: &JobProgress) -> bool {
    let mut cancel = false;
    egui::Area::new(egui::Id::unique("job progress"))
        .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -12.0))
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(&progress.what);
                    let bar = egui::ProgressBar::new(progress.fraction).desired_width(220.0).show_percentage();
                    ui.add(bar);
                    cancel = ui.button("Cancel").on_hover_text("Stop: nothing is written or changed").clicked();
                });
            });
        });
    ctx.request_repaint_after(std::time::Duration::from_millis(100));
    cancel
}
