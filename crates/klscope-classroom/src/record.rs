//! `--record answers.csv`: every answer appended as one whole line, written by one thread
//! so that lines never interleave, each flushed as it is written. The header is written
//! once, when the file is new or empty; a file that holds something else is refused.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, mpsc};
use std::thread::JoinHandle;

use klscope_core::classroom::AnswerRecord;

use crate::ClassroomError;

/// The record's first line.
pub const RECORD_HEADER: &str = "time,room,step,student,nickname,answer,right";

/// The writer thread and the way to it.
pub struct Recorder {
    path: PathBuf,
    lines: Mutex<Option<mpsc::Sender<String>>>,
    thread: Mutex<Option<JoinHandle<Result<u64, std::io::Error>>>>,
}

impl Recorder {
    /// Opens (or creates) the record for appending.
    pub fn open(path: &Path) -> Result<Recorder, ClassroomError> {
        let failed = |source| ClassroomError::Record { path: path.to_path_buf(), source };
        let mut file = OpenOptions::new().create(true).append(true).read(true).open(path).map_err(failed)?;
        if !file.metadata().map_err(failed)?.is_file() {
            return Err(failed(std::io::Error::other("it is not a regular file")));
        }
        if file.metadata().map_err(failed)?.len() == 0 {
            file.write_all(format!("{RECORD_HEADER}\n").as_bytes()).map_err(failed)?;
        } else {
            let mut first = String::new();
            // The first line only: a large record is not read whole.
            BufReader::new(File::open(path).map_err(failed)?.take(4096)).read_line(&mut first).map_err(failed)?;
            if first.trim_end() != RECORD_HEADER {
                return Err(ClassroomError::NotARecord(path.to_path_buf()));
            }
        }
        let (lines, rx) = mpsc::channel::<String>();
        let thread = std::thread::spawn(move || {
            let mut written = 0;
            for line in rx {
                // One write per line: with O_APPEND the line lands whole at the end.
                file.write_all(line.as_bytes())?;
                file.flush()?;
                written += 1;
            }
            file.sync_all()?;
            Ok(written)
        });
        Ok(Recorder { path: path.to_path_buf(), lines: Mutex::new(Some(lines)), thread: Mutex::new(Some(thread)) })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Queues one answer of room `code`.
    pub fn write(&self, code: &str, record: &AnswerRecord) {
        let right = match record.correct {
            Some(true) => "yes",
            Some(false) => "no",
            None => "",
        };
        let line = format!(
            "{},{},{},s{},{},{},{}\n",
            chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ"),
            code,
            record.step + 1,
            record.student + 1,
            field(record.nickname.as_deref().unwrap_or("")),
            field(&record.answer),
            right
        );
        if let Some(lines) = crate::rooms::lock(&self.lines).as_ref() {
            let _ = lines.send(line);
        }
    }

    /// Writes what is queued and closes the file; the count of lines written, or why not.
    pub fn finish(&self) -> Result<u64, ClassroomError> {
        drop(crate::rooms::lock(&self.lines).take());
        let failed = |source| ClassroomError::Record { path: self.path.clone(), source };
        let thread = crate::rooms::lock(&self.thread).take();
        match thread.map(JoinHandle::join) {
            Some(Ok(result)) => result.map_err(failed),
            Some(Err(_)) => Err(failed(std::io::Error::other("the writer stopped"))),
            None => Ok(0),
        }
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        let _ = self.finish();
    }
}

/// A CSV field: quoted when it holds a comma, quote or line break; a leading = + - @
/// gets a ' so that a spreadsheet shows a nickname instead of running it as a formula.
fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) && text.parse::<f64>().is_err() {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("Zoë"), "Zoë");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(field("-0.5"), "-0.5", "a negative estimate stays a number");
    }
}
