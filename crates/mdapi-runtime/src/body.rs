//! Request bodies whose page marks some properties of a shared type
//! `Required.`: the generated `Body` holds those as plain fields beside the
//! rest of the model, and is encoded as one JSON object.

use serde::ser::Error as _;
use serde::{Serialize, Serializer};
use serde_json::Value;

/// Encodes `rest` with the `required` properties set on it: each required
/// value replaces whatever `rest` holds under the same wire name, so the
/// object never carries a key twice.
pub fn with_required<S, T, const N: usize>(
    serializer: S,
    rest: &T,
    required: [(&str, serde_json::Result<Value>); N],
) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    T: Serialize,
{
    let mut object = match serde_json::to_value(rest).map_err(S::Error::custom)? {
        Value::Object(object) => object,
        other => return Err(S::Error::custom(format!("a request body must be a JSON object, not {other}"))),
    };
    for (name, value) in required {
        object.insert(name.to_owned(), value.map_err(S::Error::custom)?);
    }
    object.serialize(serializer)
}

/// One required value as JSON, for [`with_required`]. Takes a reference
/// whatever the type, so generated calls look the same for `bool` and
/// `String` fields.
pub fn value<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Value> {
    serde_json::to_value(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Serialize)]
    struct Rest {
        #[serde(rename = "displayName", skip_serializing_if = "Option::is_none")]
        display_name: Option<String>,
        description: &'static str,
    }

    struct Body {
        display_name: String,
        rest: Rest,
    }

    impl Serialize for Body {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            with_required(serializer, &self.rest, [("displayName", value(&self.display_name))])
        }
    }

    #[test]
    fn the_required_value_wins_and_appears_once() {
        let body = Body {
            display_name: "required".into(),
            rest: Rest { display_name: Some("stale copy".into()), description: "d" },
        };
        let text = serde_json::to_string(&body).unwrap();
        assert_eq!(text.matches("displayName").count(), 1, "{text}");
        assert_eq!(
            serde_json::from_str::<Value>(&text).unwrap(),
            json!({"displayName": "required", "description": "d"})
        );
    }

    #[test]
    fn a_rest_that_is_not_an_object_is_an_error() {
        struct Odd;
        impl Serialize for Odd {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                with_required(serializer, &1, [("a", Ok(Value::Null))])
            }
        }
        assert!(serde_json::to_string(&Odd).is_err());
    }
}
