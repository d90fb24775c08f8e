//! The handouts on paper: every built-in lesson's two handouts printed to PDF by headless
//! Chromium on A4 and on US letter, each in at most ⌈steps/2⌉ + 1 pages (pdfinfo counts
//! them). Skips, saying so, where Chromium, pdfinfo or a graphics adapter is missing.

use crate::common::klscope;
use std::path::Path;
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

fn pdfinfo_available() -> bool {
    Command::new("pdfinfo").arg("-v").output().is_ok()
}

/// Prints `page` on `paper` (the page's own script reads `?paper=`) into `pdf`.
fn print_to_pdf(page: &Path, paper: &str, pdf: &Path, profile: &Path) {
    let url = format!("file://{}?paper={paper}", page.display());
    let output = Command::new(CHROMIUM)
        .args(["--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(&url)
        .output()
        .unwrap();
    assert!(pdf.exists(), "Chromium printed nothing for {url}: {}", String::from_utf8_lossy(&output.stderr));
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

#[test]
fn both_handouts_print_in_at_most_half_the_steps_plus_one_pages_of_a4_and_letter() {
    if !Path::new(CHROMIUM).exists() || !pdfinfo_available() {
        eprintln!("note: {CHROMIUM} or pdfinfo (poppler-utils) is missing; the handouts were not printed");
        return;
    }
    if !crate::common::adapter_available() {
        eprintln!("note: no graphics adapter; the handouts' pictures cannot be drawn");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("chromium-profile");
    let mut measured = Vec::new();
    for lesson in klscope::lesson::builtin_lessons() {
        let out = dir.path().join(&lesson.id);
        let run = klscope(&["lesson", "export", &lesson.id, "--out", out.to_str().unwrap()]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let most = lesson.steps.len().div_ceil(2) + 1;
        for handout in ["handout-student.html", "handout-teacher.html"] {
            for (paper, size) in [("a4", "(A4)"), ("letter", "(letter)")] {
                let pdf = out.join(format!("{handout}-{paper}.pdf"));
                print_to_pdf(&out.join(handout), paper, &pdf, &profile);
                let (pages, page_size) = pages_and_size(&pdf);
                assert!(page_size.ends_with(size), "{} {handout}: printed on {page_size}, not {paper}", lesson.id);
                assert!(pages >= 1, "{} {handout} on {paper}: no pages", lesson.id);
                assert!(
                    pages <= most,
                    "{} {handout} on {paper}: {pages} pages for {} steps (at most {most})",
                    lesson.id,
                    lesson.steps.len()
                );
                measured.push(format!("{} {handout} {paper}: {pages}", lesson.id));
            }
        }
    }
    eprintln!("pages printed:\n{}", measured.join("\n"));
}
