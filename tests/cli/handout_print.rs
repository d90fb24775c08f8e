//! The handouts on paper: every built-in lesson's two handouts printed to PDF by headless
//! Chromium on A4 and on US letter, as a teacher's Ctrl+P prints them (the browser's
//! header and footer on), each in at most ⌈steps/2⌉ + 1 pages (pdfinfo counts them), with
//! no date, file path or file name printed in a margin and every word at least 10 mm
//! inside the paper's edges on every page (pdftotext reads them). Skips, saying so, where
//! Chromium, poppler's tools or a graphics adapter is missing.

use crate::common::klscope;
use std::path::Path;
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

/// The least distance from a printed word to the paper's edge: the handout's 12 mm margin,
/// less a little for the glyphs' boxes.
const LEAST_MARGIN_MM: f64 = 10.0;
const POINTS_PER_MM: f64 = 72.0 / 25.4;

fn poppler_available() -> bool {
    ["pdfinfo", "pdftotext"].iter().all(|tool| Command::new(tool).arg("-v").output().is_ok())
}

/// Prints `url` into `pdf` with Chromium's header and footer on (the date, the title, the
/// address and the page number, as Ctrl+P prints them by default).
fn print_to_pdf(url: &str, pdf: &Path, profile: &Path) {
    let output = Command::new(CHROMIUM)
        .args(["--headless=new", "--no-sandbox", "--disable-gpu"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .output()
        .unwrap();
    assert!(pdf.exists(), "Chromium printed nothing for {url}: {}", String::from_utf8_lossy(&output.stderr));
}

/// Prints `page` on `paper` (the page's own script reads `?paper=`) into `pdf`.
fn print_handout(page: &Path, paper: &str, pdf: &Path, profile: &Path) {
    print_to_pdf(&format!("file://{}?paper={paper}", page.display()), pdf, profile);
}

/// The page count and the page size pdfinfo reads from `pdf`.
fn pages_and_size(pdf: &Path) -> (usize, String) {
    let output = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let info = String::from_utf8_lossy(&output.stdout).to_string();
    let field = |name: &str| {
        info.lines().find_map(|line| line.strip_prefix(name)).map(str::trim).unwrap_or_default().to_string()
    };
    (field("Pages:").parse().unwrap_or(0), field("Page size:"))
}

/// What pdftotext reads from `pdf` with `args` ("-bbox" for every word's box).
fn pdftotext(pdf: &Path, args: &[&str]) -> String {
    let output = Command::new("pdftotext").args(args).arg(pdf).arg("-").output().unwrap();
    String::from_utf8_lossy(&output.stdout).to_string()
}

/// The value of `name="…"` in a line of pdftotext's -bbox output.
fn attribute(line: &str, name: &str) -> Option<f64> {
    let start = line.find(&format!("{name}=\""))? + name.len() + 2;
    line[start..].split('"').next()?.parse().ok()
}

/// Every word printed nearer an edge of its page than `LEAST_MARGIN_MM`: "page 2: "Step"
/// 0.6 mm from the top".
fn words_in_the_margin(pdf: &Path) -> Vec<String> {
    let least = LEAST_MARGIN_MM * POINTS_PER_MM;
    let (mut page, mut size, mut out) = (0, (0.0, 0.0), Vec::new());
    for line in pdftotext(pdf, &["-bbox"]).lines() {
        if line.trim_start().starts_with("<page ") {
            page += 1;
            size = (attribute(line, "width").unwrap_or(0.0), attribute(line, "height").unwrap_or(0.0));
        } else if line.trim_start().starts_with("<word ") {
            let word = line.split('>').nth(1).and_then(|w| w.split('<').next()).unwrap_or("");
            let [left, top, right, bottom] =
                ["xMin", "yMin", "xMax", "yMax"].map(|n| attribute(line, n).unwrap_or(0.0));
            for (edge, distance) in
                [("left", left), ("top", top), ("right", size.0 - right), ("bottom", size.1 - bottom)]
            {
                if distance < least {
                    out.push(format!("page {page}: {word:?} {:.1} mm from the {edge}", distance / POINTS_PER_MM));
                }
            }
        }
    }
    out
}

#[test]
fn both_handouts_print_in_at_most_half_the_steps_plus_one_pages_of_a4_and_letter() {
    if !Path::new(CHROMIUM).exists() || !poppler_available() {
        eprintln!("note: {CHROMIUM}, pdfinfo or pdftotext (poppler-utils) is missing; the handouts were not printed");
        return;
    }
    if !crate::common::adapter_available() {
        eprintln!("note: no graphics adapter; the handouts' pictures cannot be drawn");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("chromium-profile");

    // The check can fail: a page with the paper's usual margins prints Chromium's header
    // and footer, its address among them.
    let plain = dir.path().join("plain-page.html");
    std::fs::write(&plain, "<!DOCTYPE html><title>A plain page</title><p>Words.</p>").unwrap();
    let plain_pdf = dir.path().join("plain-page.pdf");
    print_to_pdf(&format!("file://{}", plain.display()), &plain_pdf, &profile);
    let printed = pdftotext(&plain_pdf, &[]);
    assert!(
        printed.contains("file://") && printed.contains("plain-page.html"),
        "Chromium printed no header or footer on a plain page, so their absence proves nothing: {printed:?}"
    );

    let mut measured = Vec::new();
    for lesson in klscope::lesson::builtin_lessons() {
        let out = dir.path().join(&lesson.id);
        let run = klscope(&["lesson", "export", &lesson.id, "--out", out.to_str().unwrap()]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let most = lesson.steps.len().div_ceil(2) + 1;
        for handout in ["handout-student.html", "handout-teacher.html"] {
            for (paper, size) in [("a4", "(A4)"), ("letter", "(letter)")] {
                let what = format!("{} {handout} on {paper}", lesson.id);
                let pdf = out.join(format!("{handout}-{paper}.pdf"));
                print_handout(&out.join(handout), paper, &pdf, &profile);
                let (pages, page_size) = pages_and_size(&pdf);
                assert!(page_size.ends_with(size), "{what}: printed on {page_size}");
                assert!(pages >= 1, "{what}: no pages");
                assert!(pages <= most, "{what}: {pages} pages for {} steps (at most {most})", lesson.steps.len());
                // No header or footer: the page leaves the browser no margin to print them in.
                let text = pdftotext(&pdf, &[]);
                for printed in ["file://", handout] {
                    assert!(!text.contains(printed), "{what}: {printed:?} is printed on the page");
                }
                // Yet every page keeps its margins, a sheet's second page too.
                let near = words_in_the_margin(&pdf);
                assert!(near.is_empty(), "{what}: words in the margin:\n{}", near.join("\n"));
                measured.push(format!("{} {handout} {paper}: {pages}", lesson.id));
            }
        }
    }
    eprintln!("pages printed:\n{}", measured.join("\n"));
}

/// A sheet too tall for its page runs onto the next, and that page keeps its margins too:
/// a teacher's handout with its pictures stretched to 200 mm, printed on A4.
#[test]
fn a_sheet_that_runs_onto_a_second_page_keeps_its_margins_there() {
    if !Path::new(CHROMIUM).exists() || !poppler_available() || !crate::common::adapter_available() {
        eprintln!("note: Chromium, poppler's tools or a graphics adapter is missing; nothing was printed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let run = klscope(&["lesson", "export", "asymmetry", "--out", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let html = std::fs::read_to_string(dir.path().join("handout-teacher.html")).unwrap();
    assert!(html.contains(".teacher img { max-height: 72mm; }"), "the teacher's pictures' height moved");
    let stretched = html.replace(".teacher img { max-height: 72mm; }", ".teacher img { max-height: 200mm; }");
    let page = dir.path().join("stretched.html");
    std::fs::write(&page, stretched).unwrap();
    let pdf = dir.path().join("stretched.pdf");
    print_handout(&page, "a4", &pdf, &dir.path().join("chromium-profile"));
    let sheets = html.matches("<div class=\"sheet\">").count();
    let (pages, _) = pages_and_size(&pdf);
    assert!(pages > sheets, "no sheet ran onto a second page: {pages} pages for {sheets} sheets");
    let near = words_in_the_margin(&pdf);
    assert!(near.is_empty(), "words in the margin:\n{}", near.join("\n"));
    let text = pdftotext(&pdf, &[]);
    assert!(!text.contains("file://") && !text.contains("stretched.html"), "a header or footer is printed");
}
