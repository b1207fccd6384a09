//! Values a server may send in more than one shape, read without serde's untagged enums: those
//! buffer the whole value first, and that buffering was ~2 KB gzip of the console's first load
//! (the tenant list and the activity log read these on every answer).

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// Which scalars count: text always, whole numbers as their digits when `numbers`.
struct Scalar {
    numbers: bool,
}

impl<'de> Visitor<'de> for Scalar {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(self.numbers.then(|| v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(self.numbers.then(|| v.to_string()))
    }

    /// A whole number sent with a fraction (`25.0`) is the number; any other is not read.
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        let whole = v.fract() == 0.0 && (0.0..9.0e15).contains(&v);
        Ok((self.numbers && whole).then(|| (v as u64).to_string()))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

/// Text, or a whole number as its digits; anything else (null, a list, an object) as `None`.
pub fn text_or_whole_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_any(Scalar { numbers: true })
}

/// Text; anything else as `None`.
pub fn text_only<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_any(Scalar { numbers: false })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Both {
        #[serde(default, deserialize_with = "text_or_whole_number")]
        number: Option<String>,
        #[serde(default, deserialize_with = "text_only")]
        text: Option<String>,
    }

    fn read(value: &str) -> (Option<String>, Option<String>) {
        let both: Both = serde_json::from_str(&format!(r#"{{"number": {value}, "text": {value}}}"#)).unwrap();
        (both.number, both.text)
    }

    #[test]
    fn text_and_whole_numbers_are_read_and_every_other_shape_is_passed_over() {
        let some = |s: &str| Some(s.to_owned());
        assert_eq!(read(r#""7""#), (some("7"), some("7")));
        assert_eq!(read("25"), (some("25"), None));
        assert_eq!(read("-3"), (some("-3"), None));
        assert_eq!(read("25.0"), (some("25"), None));
        assert_eq!(read("2.5"), (None, None));
        for other in ["null", "true", "[1, [2]]", r#"{"id": "c1", "more": {"x": 1}}"#] {
            assert_eq!(read(other), (None, None), "{other}");
        }
        let absent: Both = serde_json::from_str("{}").unwrap();
        assert_eq!((absent.number, absent.text), (None, None));
    }
}
