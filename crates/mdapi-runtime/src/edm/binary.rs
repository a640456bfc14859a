//! `Edm.Binary`: bytes, base64 on the wire.

use std::fmt;

use base64::Engine as _;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

use super::parse::{parse_base64, Base64Form};

/// `Edm.Binary`: bytes, base64 on the wire (standard or URL-safe, padded or
/// not). Written back in the form it was read in; a value built in Rust is
/// written as standard, padded base64, as Graph writes it. Equality looks
/// at the bytes only.
#[derive(Debug, Clone, Default)]
pub struct Binary {
    bytes: Vec<u8>,
    form: Base64Form,
}

impl Binary {
    /// These bytes, written as standard, padded base64 (RFC 4648, 4).
    pub fn new(bytes: Vec<u8>) -> Self {
        Self { bytes, form: Base64Form::Standard }
    }

    /// The decoded bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The decoded bytes, owned.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// The base64 form it is written in.
    pub fn form(&self) -> Base64Form {
        self.form
    }
}

impl From<Vec<u8>> for Binary {
    fn from(bytes: Vec<u8>) -> Self {
        Self::new(bytes)
    }
}

impl PartialEq for Binary {
    fn eq(&self, other: &Self) -> bool {
        self.bytes == other.bytes
    }
}

impl Eq for Binary {}

impl std::hash::Hash for Binary {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.bytes.hash(state);
    }
}

impl PartialOrd for Binary {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Binary {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.bytes.cmp(&other.bytes)
    }
}

impl fmt::Display for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.form.engine().encode(&self.bytes))
    }
}

impl std::str::FromStr for Binary {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        parse_base64(text).map(|(bytes, form)| Self { bytes, form }).ok_or_else(|| format!("`{text}` is not base64"))
    }
}

impl Serialize for Binary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Binary {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Binary;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string holding base64")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Binary, E> {
                text.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}
