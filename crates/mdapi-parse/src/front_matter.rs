//! YAML front matter: keys are optional, come in synonyms, and values may be
//! quoted or not. Only string values are kept.

use std::collections::BTreeMap;

/// What a page is, from `doc_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    Api,
    Resource,
    Enum,
    Conceptual,
    /// No or an unrecognized `doc_type`.
    Unknown,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub fields: BTreeMap<String, String>,
}

impl FrontMatter {
    /// Parses YAML; on failure falls back to `key: value` lines and returns the error too.
    pub fn parse(yaml: &str) -> (Self, Option<String>) {
        match serde_yaml_ng::from_str::<BTreeMap<String, serde_yaml_ng::Value>>(yaml) {
            Ok(map) => {
                let fields = map.into_iter().filter_map(|(key, value)| scalar(&value).map(|v| (key, v))).collect();
                (Self { fields }, None)
            }
            Err(err) => {
                let fields = yaml
                    .lines()
                    .filter_map(|line| line.split_once(':'))
                    .map(|(k, v)| (k.trim().to_owned(), v.trim().trim_matches(['"', '\'']).to_owned()))
                    .collect();
                (Self { fields }, Some(err.to_string()))
            }
        }
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields.get(key).map(String::as_str)
    }

    pub fn kind(&self) -> PageKind {
        let Some(doc_type) = self.get("doc_type") else { return PageKind::Unknown };
        let normalized = doc_type.trim_matches(['"', '\'', ' ', '_']).to_ascii_lowercase();
        match normalized.as_str() {
            "apipagetype" => PageKind::Api,
            "resourcepagetype" => PageKind::Resource,
            "enumpagetype" => PageKind::Enum,
            "conceptualpagetype" => PageKind::Conceptual,
            _ => PageKind::Unknown,
        }
    }

    /// `ms.subservice`, else `ms.prod`: the product area.
    pub fn area(&self) -> Option<&str> {
        self.get("ms.subservice").or_else(|| self.get("ms.prod")).filter(|v| !v.is_empty())
    }
}

fn scalar(value: &serde_yaml_ng::Value) -> Option<String> {
    match value {
        serde_yaml_ng::Value::String(s) => Some(s.clone()),
        serde_yaml_ng::Value::Bool(b) => Some(b.to_string()),
        serde_yaml_ng::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_synonyms() {
        let (fm, err) = FrontMatter::parse("title: \"x\"\ndoc_type: 'resourcePageType_'\nms.prod: teams\n");
        assert!(err.is_none());
        assert_eq!(fm.kind(), PageKind::Resource);
        assert_eq!(fm.area(), Some("teams"));
        let (fm, err) = FrontMatter::parse("title: a: b: [\ndoc_type: apiPageType\n");
        assert!(err.is_some());
        assert_eq!(fm.kind(), PageKind::Api);
    }
}
