//! Derived data that a view keeps until what it depends on changes: the one way views
//! avoid recomputing on every frame.

/// A value computed from a key (usually the analysis revision and a view setting),
/// computed again only when the key changes.
pub struct Cached<K, T> {
    key: Option<K>,
    value: Option<T>,
}

impl<K, T> Default for Cached<K, T> {
    fn default() -> Self {
        Cached { key: None, value: None }
    }
}

impl<K: PartialEq, T> Cached<K, T> {
    /// The value for `key`, computed by `compute` if the key changed.
    pub fn get(&mut self, key: K, compute: impl FnOnce() -> T) -> &T {
        if self.key.as_ref() != Some(&key) {
            self.value = None;
            self.key = Some(key);
        }
        self.value.get_or_insert_with(compute)
    }

    /// Brings the value up to date with `key`; returns true if it was computed again.
    /// While `hold` is true a value that is already there is kept even if stale: work that
    /// takes longer than a frame waits until a dragged bar is let go.
    pub fn update(&mut self, key: K, hold: bool, compute: impl FnOnce() -> T) -> bool {
        let stale = self.value.is_none() || self.key.as_ref() != Some(&key);
        if !stale || (hold && self.value.is_some()) {
            return false;
        }
        self.value = Some(compute());
        self.key = Some(key);
        true
    }

    /// The value as last computed, if any.
    pub fn value(&self) -> Option<&T> {
        self.value.as_ref()
    }

    /// The value if it was computed for `key`.
    pub fn value_for(&self, key: &K) -> Option<&T> {
        self.value.as_ref().filter(|_| self.key.as_ref() == Some(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_again_only_when_the_key_changes() {
        let mut cache: Cached<u64, u32> = Cached::default();
        let mut runs = 0;
        for key in [1, 1, 2, 2, 1] {
            cache.get(key, || {
                runs += 1;
                runs
            });
        }
        assert_eq!(runs, 3);
        assert!(!cache.update(1, false, || 0));
        assert!(!cache.update(5, true, || 0), "held: the stale value stays");
        assert_eq!(cache.value(), Some(&3));
        assert!(cache.update(5, false, || 7));
        assert_eq!(cache.value(), Some(&7));
    }
}
