//! A token bucket per connection: a burst, then a steady rate.

use std::time::Instant;

pub struct RateLimit {
    tokens: f64,
    burst: f64,
    per_second: f64,
    last: Instant,
}

impl RateLimit {
    pub fn new(burst: u32, per_second: u32, now: Instant) -> RateLimit {
        RateLimit { tokens: f64::from(burst), burst: f64::from(burst), per_second: f64::from(per_second), last: now }
    }

    /// Whether one more message may pass at `now`.
    pub fn take(&mut self, now: Instant) -> bool {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.last = now;
        self.tokens = (self.tokens + elapsed * self.per_second).min(self.burst);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_burst_passes_then_the_steady_rate() {
        let start = Instant::now();
        let mut limit = RateLimit::new(3, 2, start);
        assert!((0..3).all(|_| limit.take(start)));
        assert!(!limit.take(start), "the burst is spent");
        assert!(limit.take(start + Duration::from_millis(500)), "half a second at 2 a second is one more");
        assert!(!limit.take(start + Duration::from_millis(500)));
        let later = start + Duration::from_secs(60);
        assert_eq!((0..10).filter(|_| limit.take(later)).count(), 3, "a long pause refills the burst, not more");
    }
}
