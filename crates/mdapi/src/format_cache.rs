//! The format cache on disk: one pack file per output folder.
//!
//! [`mdapi_codegen::FormatCache`] maps a fingerprint of a file's tokens to
//! the text formatting gave. On disk that used to be one small file per
//! generated file, and on a disk where creating a file costs a millisecond
//! a fresh run's cache cost as much again as its output. The pack is one
//! file, `<cache>/formatted/<hash of the output folder>.pack`: records of
//! a 32-byte key, the text's length (`u64`, little-endian) and the text.
//! A run reads the whole pack once, and after writing its output replaces
//! the pack with the entries it used (hits and newly formatted), so the
//! pack holds one run's files and never grows with reruns; the texts
//! written are taken from the run's own files, by hash, not held twice.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::File;

/// Changed whenever the pack's layout changes.
const MAGIC: &[u8; 8] = b"mdapipk1";
const KEY_LEN: usize = 32;

/// A pack loaded for one run, and what the run used from it or added.
pub(crate) struct PackCache {
    path: PathBuf,
    bytes: Vec<u8>,
    /// Key → byte range of its text in `bytes`.
    index: HashMap<[u8; KEY_LEN], (usize, usize)>,
    /// Keys the run asked for or stored, with the hash of their text.
    used: Mutex<Vec<([u8; KEY_LEN], blake3::Hash)>>,
}

fn key_bytes(key: &str) -> Option<[u8; KEY_LEN]> {
    key.as_bytes().try_into().ok()
}

/// Reads the records of a pack; a damaged pack reads as far as it is whole.
fn index(bytes: &[u8]) -> HashMap<[u8; KEY_LEN], (usize, usize)> {
    let mut index = HashMap::new();
    if !bytes.starts_with(MAGIC) {
        return index;
    }
    let mut at = MAGIC.len();
    while let Some(head) = bytes.get(at..at + KEY_LEN + 8) {
        let (key, len) = head.split_at(KEY_LEN);
        let Ok(len) = <[u8; 8]>::try_from(len).map(u64::from_le_bytes) else { break };
        let Ok(len) = usize::try_from(len) else { break };
        let start = at + KEY_LEN + 8;
        if bytes.len() < start.saturating_add(len) {
            break;
        }
        if let Ok(key) = key.try_into() {
            index.insert(key, (start, len));
        }
        at = start + len;
    }
    index
}

impl PackCache {
    /// The pack for output folder `out` in cache folder `dir` (empty when
    /// there is none yet or it cannot be read).
    pub fn open(dir: &Path, out: &Path) -> Self {
        let name = blake3::hash(crate::absolute(out).to_string_lossy().as_bytes()).to_hex();
        let path = dir.join("formatted").join(format!("{}.pack", &name[..32]));
        let bytes = std::fs::read(&path).unwrap_or_default();
        let index = index(&bytes);
        Self { path, bytes, index, used: Mutex::new(Vec::new()) }
    }

    fn note(&self, key: [u8; KEY_LEN], text: &str) {
        if let Ok(mut used) = self.used.lock() {
            used.push((key, blake3::hash(text.as_bytes())));
        }
    }

    /// Replaces the pack with the entries this run used, their texts taken
    /// from `files` by hash (`hashes`: each file's) (a text no file holds is left out). Best
    /// effort, through a temporary name: a cache that cannot be written
    /// just misses next time.
    pub fn save(self, files: &[File], hashes: &[blake3::Hash]) {
        let by_hash: HashMap<blake3::Hash, &str> =
            hashes.iter().copied().zip(files.iter().map(|f| f.contents.as_str())).collect();
        let mut used = self.used.into_inner().unwrap_or_default();
        used.sort_by_key(|entry| entry.0);
        used.dedup_by(|a, b| a.0 == b.0);
        let mut pack = MAGIC.to_vec();
        for (key, hash) in used {
            if let Some(text) = by_hash.get(&hash) {
                pack.extend_from_slice(&key);
                pack.extend_from_slice(&(text.len() as u64).to_le_bytes());
                pack.extend_from_slice(text.as_bytes());
            }
        }
        let Some(dir) = self.path.parent() else { return };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let staged = self.path.with_extension(format!("pack.{}.tmp", std::process::id()));
        if std::fs::write(&staged, pack).is_err() || std::fs::rename(&staged, &self.path).is_err() {
            let _ = std::fs::remove_file(&staged);
        }
    }
}

impl mdapi_codegen::FormatCache for PackCache {
    fn get(&self, key: &str) -> Option<String> {
        let key = key_bytes(key)?;
        let &(start, len) = self.index.get(&key)?;
        let text = std::str::from_utf8(self.bytes.get(start..start + len)?).ok()?.to_owned();
        self.note(key, &text);
        Some(text)
    }

    fn put(&self, key: &str, text: &str) {
        if let Some(key) = key_bytes(key) {
            self.note(key, text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mdapi_codegen::FormatCache;

    #[test]
    fn a_saved_pack_gives_back_what_the_run_used_and_only_that() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let (a, b, c) = ("a".repeat(32), "b".repeat(32), "c".repeat(32));
        let cache = PackCache::open(dir.path(), &out);
        assert_eq!(cache.get(&a), None);
        cache.put(&a, "fn a() {}\n");
        cache.put(&b, "fn b() {}\n");
        let file = |contents: &str| File { path: "src/x.rs".to_owned(), contents: contents.to_owned() };
        let files = [file("fn a() {}\n"), file("fn b() {}\n")];
        cache.save(&files, &crate::incremental::hashes(&files));

        let cache = PackCache::open(dir.path(), &out);
        assert_eq!(cache.get(&a).as_deref(), Some("fn a() {}\n"));
        assert_eq!(cache.get(&c), None);
        // b was not used by this run: the next pack drops it.
        let files = [file("fn a() {}\n")];
        cache.save(&files, &crate::incremental::hashes(&files));
        let cache = PackCache::open(dir.path(), &out);
        assert_eq!(cache.get(&a).as_deref(), Some("fn a() {}\n"));
        assert_eq!(cache.get(&b), None);
        // Another output folder has its own pack.
        assert_eq!(PackCache::open(dir.path(), &dir.path().join("other")).get(&a), None);
    }

    #[test]
    fn a_truncated_pack_reads_as_far_as_it_is_whole() {
        let mut pack = MAGIC.to_vec();
        pack.extend_from_slice(&[b'k'; KEY_LEN]);
        pack.extend_from_slice(&3u64.to_le_bytes());
        pack.extend_from_slice(b"abc");
        pack.extend_from_slice(&[b'l'; KEY_LEN]);
        pack.extend_from_slice(&u64::MAX.to_le_bytes());
        pack.extend_from_slice(b"de");
        let records = index(&pack);
        assert_eq!(records.len(), 1);
        assert!(index(b"not a pack").is_empty());
    }
}
