//! CPU time of one full frame of the real app (egui pass + tessellation, no GPU) while a
//! Q bar is being dragged, at 4, 64, 1000, 10^5 and 10^6 outcomes, and while Q's point is
//! dragged on the simplex at 3. Every measured frame moves the pointer, so the distribution,
//! the report and every panel change.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use eframe::egui::{self, Event, PointerButton, Pos2, RawInput, Rect, pos2, vec2};
use klscope::app::KlApp;
use klscope::app::model::state::AppState;
use klscope::app::ui::theme;
use klscope::app::views::Views;
use klscope::info::{Side, Unit};
use klscope::scenario::Scenario;
use std::hint::black_box;

fn scenario(n: usize) -> Scenario {
    let total = (n * (n + 1) / 2) as f64;
    Scenario {
        id: format!("bench-{n}"),
        title: format!("{n} outcomes"),
        description: String::new(),
        unit: Unit::Bits,
        labels: (0..n).map(|i| format!("o{i}")).collect(),
        p: vec![1.0 / n as f64; n],
        q: (0..n).map(|i| (i + 1) as f64 / total).collect(),
        logits: Default::default(),
        positions: None,
        roles: Default::default(),
        focus: Default::default(),
    }
}

struct Bench {
    ctx: egui::Context,
    app: KlApp,
    screen: Rect,
    time: f64,
}

impl Bench {
    fn new(n: usize, view: &str, present: bool) -> Bench {
        let ctx = egui::Context::default();
        theme::apply_text_sizes(&ctx);
        let mut state = AppState::default();
        if let Err(e) = state.open_scenario(&scenario(n)) {
            panic!("bench scenario: {e}");
        }
        state.view = view.to_string();
        let mut app = KlApp::with_state(state);
        app.set_presenting(present);
        Bench { ctx, app, screen: Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0)), time: 0.0 }
    }

    /// Presses at `press` and moves by 2, 3 and 4 times `step`; true if every move
    /// changed the document (something is being dragged).
    fn press_and_move(&mut self, press: Pos2, step: egui::Vec2) -> bool {
        self.frame(vec![Event::PointerMoved(press)]);
        self.frame(vec![Event::PointerButton {
            pos: press,
            button: PointerButton::Primary,
            pressed: true,
            modifiers: Default::default(),
        }]);
        let before = self.app.recomputations();
        for k in [2.0, 3.0, 4.0] {
            self.frame(vec![Event::PointerMoved(press + k * step)]);
        }
        self.app.recomputations() >= before + 3
    }

    fn frame(&mut self, events: Vec<Event>) -> usize {
        self.time += 1.0 / 60.0;
        let input = RawInput { screen_rect: Some(self.screen), time: Some(self.time), events, ..Default::default() };
        let app = &mut self.app;
        let mut output = self.ctx.run_ui(input, |ui| app.frame_ui(ui));
        // No GPU here: texture updates are dropped on purpose.
        output.textures_delta.clear();
        let meshes = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        meshes.len()
    }
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    // The first view at three sizes, then every other view of the registry at 64.
    let first = Views::default_id();
    // The simplex takes two or three outcomes: at 64 it would measure a sentence.
    let others: Vec<&str> =
        Views::new().ids().into_iter().map(|(id, _)| id).filter(|id| *id != first && *id != "simplex").collect();
    let sizes = [4usize, 64, 1000, 100_000, 1_000_000];
    // Presentation mode (large type, the first view) at 64 outcomes: "present".
    let cases = sizes
        .into_iter()
        .map(|n| (first, n, false))
        .chain(others.into_iter().map(|v| (v, 64, false)))
        .chain([(first, 64, true)]);
    for (view, n, present) in cases {
        group.sample_size(if n >= 100_000 { 20 } else { 100 });
        let mut bench = Bench::new(n, view, present);
        // Warm up (fonts, layout), then press on a Q bar in the middle of the Q editor.
        for _ in 0..3 {
            bench.frame(vec![]);
        }
        // Press on the top of the middle Q bar, wherever the layout put it.
        let Some(layout) = bench.app.bar_layout(Side::Q) else {
            panic!("the Q editor was not drawn");
        };
        // The middle outcome: in a vocabulary, somewhere in the summarised tail.
        let middle = n / 2;
        let x = layout.center_x(middle);
        let top_y = layout.y_of(bench.app.state.doc.q.probs()[middle]);
        // Make sure the pointer really drags a bar before anything is measured.
        let dragged = bench.press_and_move(pos2(x, top_y), vec2(0.0, -4.0));
        assert!(dragged, "{view}/{n}: the pointer does not drag a bar");
        let mut step = 0u32;
        let id = match (present, view == first) {
            (true, _) => BenchmarkId::new("present", n),
            (false, true) => BenchmarkId::from_parameter(n),
            (false, false) => BenchmarkId::new(view, n),
        };
        group.bench_with_input(id, &n, |b, _| {
            b.iter(|| {
                step += 1;
                // Wander up and down by up to 20 px so every frame sets a new value.
                let y = top_y - (step % 20) as f32;
                black_box(bench.frame(vec![Event::PointerMoved(pos2(x, y))]))
            })
        });
    }
    simplex(&mut group);
    densities(&mut group);
    group.finish();
}

/// The simplex at three outcomes while Q's point is dragged across the triangle: P's heat
/// map stays cached, so a frame is the drawing and the new measures.
fn simplex(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    group.sample_size(100);
    let mut bench = Bench::new(3, "simplex", false);
    for _ in 0..3 {
        bench.frame(vec![]);
    }
    let Some(layout) = klscope::app::views::simplex_layout(&bench.ctx) else {
        panic!("the triangle was not drawn");
    };
    let q = bench.app.state.doc.q.probs();
    let press = layout.to_screen([q[0], q[1], q[2]]);
    assert!(bench.press_and_move(press, vec2(4.0, 0.0)), "simplex/3: the pointer does not drag Q's point");
    let mut step = 0u32;
    group.bench_with_input(BenchmarkId::new("simplex", 3), &3, |b, _| {
        b.iter(|| {
            step += 1;
            // Round a small circle, so every frame sets a new Q.
            let angle = step as f32 * 0.3;
            let at = press + 20.0 * vec2(angle.cos(), angle.sin());
            black_box(bench.frame(vec![Event::PointerMoved(at)]))
        })
    });
}

/// The densities screen on two bells cut into 64 bins while Q's centre is dragged: every
/// frame a new Q, so the quadrature of every measure, the curves, the integrand and the
/// 64 bins are all computed again.
fn densities(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    group.sample_size(100);
    let mut bench = Bench::new(4, Views::default_id(), false);
    let two_bells = klscope::scenario::find_builtin_densities("two-bells").unwrap_or_else(|e| panic!("{e}"));
    bench.app.state.open_densities(two_bells);
    if let Some(doc) = bench.app.state.densities.as_mut() {
        doc.bins = 64;
    }
    for _ in 0..3 {
        bench.frame(vec![]);
    }
    let label = klscope::app::panels::densities::handle_label(Side::Q, 0, "centre");
    let positions = klscope::app::panels::densities::handle_positions(&bench.ctx);
    let Some(&(_, press)) = positions.iter().find(|(name, _)| *name == label) else {
        panic!("Q's centre handle was not drawn: {positions:?}");
    };
    let q_mean = |bench: &Bench| bench.app.state.densities.as_ref().map(|d| d.q().mean());
    let before = q_mean(&bench);
    bench.press_and_move(press, vec2(4.0, 0.0));
    assert_ne!(q_mean(&bench), before, "densities: the pointer does not drag Q's centre");
    let mut step = 0u32;
    group.bench_function("densities", |b| {
        b.iter(|| {
            step += 1;
            // Back and forth by up to 20 px, so every frame sets a new centre.
            let x = press.x + 16.0 + (step % 20) as f32;
            black_box(bench.frame(vec![Event::PointerMoved(pos2(x, press.y))]))
        })
    });
}

/// Opening a file of 10^6 outcomes: reading and checking the RON, making the document,
/// and the first frame (measures, order, drawing) — what a user waits for.
fn open(c: &mut Criterion) {
    let mut group = c.benchmark_group("open");
    group.sample_size(10);
    let n = 1_000_000;
    let Ok(folder) = tempfile::tempdir() else {
        panic!("no temporary folder");
    };
    let path = folder.path().join("vocabulary.ron");
    let mut vocabulary = scenario(n);
    vocabulary.labels = (0..n).map(|i| format!("token{i}")).collect();
    if let Err(e) = klscope::scenario::save(&vocabulary, &path) {
        panic!("writing the vocabulary: {e}");
    }
    group.bench_function(BenchmarkId::from_parameter(n), |b| {
        b.iter(|| {
            let opened = klscope::scenario::load(&path).unwrap_or_else(|e| panic!("{e}"));
            let mut state = AppState::default();
            if let Err(e) = state.open_scenario(&opened) {
                panic!("{e}");
            }
            let mut bench = Bench { app: KlApp::with_state(state), ..Bench::new(4, Views::default_id(), false) };
            black_box(bench.frame(vec![]))
        })
    });
    group.finish();
}

criterion_group!(benches, frame, open);
criterion_main!(benches);
