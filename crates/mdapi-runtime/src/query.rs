//! Typed OData query options: property names a request's compiler checks.
//!
//! Each generated model has one associated constant per property (own and
//! inherited), `User::DISPLAY_NAME: Property<User, String>`, holding its wire
//! name (`displayName`). [`Request::select`](crate::Request::select),
//! [`expand`](crate::Request::expand), [`order_by`](crate::Request::order_by)
//! and [`filter`](crate::Request::filter) take them only on a request whose
//! answer has `User`'s properties ([`HasProperties`]): a `User`, a
//! `Collection<User>` (list and paged calls), or the `Any*` enum over a
//! polymorphic type and its derived types. A misspelt constant, or a `Group`
//! property on a `User` request, does not compile. Strings stay accepted
//! everywhere, for what the docs leave out (`&["displayName", "mail"]`).
//!
//! The names follow OData 4.01 Part 2 (URL Conventions): `$select` and
//! `$expand` (5.1.2, 5.1.3) list properties separated by `,`, `$orderby`
//! (5.1.5) adds ` asc` or ` desc`, `$filter` (5.1.1) compares a property
//! with a literal written by the one encoder, [`literal`].

use std::borrow::Cow;
use std::marker::PhantomData;

use crate::literal::literal;

/// A response type whose values have the properties of model `M`: `M`
/// itself, a [`Collection`](crate::Collection) of them, a `Box`, and the
/// generated `Any*` enum over a polymorphic `M`. Generated for every model.
#[diagnostic::on_unimplemented(
    message = "a request answering `{Self}` cannot name properties of `{M}`",
    label = "a property of `{M}`, not of what this request answers"
)]
pub trait HasProperties<M> {}

impl<M, T: HasProperties<M>> HasProperties<M> for crate::Collection<T> {}
impl<M, T: HasProperties<M>> HasProperties<M> for Box<T> {}

/// A structural property of model `M` (primitive, enum or complex, or a
/// collection of them) whose values are `V`s, by its wire name. For
/// `$select`, `$orderby` and `$filter`.
pub struct Property<M, V> {
    name: Cow<'static, str>,
    types: PhantomData<fn() -> (M, V)>,
}

/// A navigation property of model `M` leading to `T` (an entity, or a
/// `Vec` of them), by its wire name. For `$select` and `$expand`.
pub struct Navigation<M, T> {
    name: Cow<'static, str>,
    types: PhantomData<fn() -> (M, T)>,
}

macro_rules! named {
    ($($ty:ident),*) => {$(
        impl<M, V> $ty<M, V> {
            /// The property named `name` on the wire (`displayName`).
            pub const fn new(name: &'static str) -> Self {
                Self { name: Cow::Borrowed(name), types: PhantomData }
            }

            /// The wire name, or for a path the names joined by `/`.
            pub fn name(&self) -> &str {
                &self.name
            }
        }

        impl<M, V> Clone for $ty<M, V> {
            fn clone(&self) -> Self {
                Self { name: self.name.clone(), types: PhantomData }
            }
        }

        impl<M, V> std::fmt::Debug for $ty<M, V> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_tuple(stringify!($ty)).field(&self.name).finish()
            }
        }

        impl<M, V> PartialEq for $ty<M, V> {
            fn eq(&self, other: &Self) -> bool {
                self.name == other.name
            }
        }
    )*};
}

named!(Property, Navigation);

impl<M, V> Property<M, V> {
    /// A property of this (complex) property's value, as an OData path
    /// (`from/emailAddress/address`): `Message::FROM.then(Recipient::EMAIL_ADDRESS)`.
    pub fn then<N, W>(self, next: Property<N, W>) -> Property<M, W>
    where
        V: HasProperties<N>,
    {
        Property { name: Cow::Owned(format!("{}/{}", self.name, next.name)), types: PhantomData }
    }

    /// `$orderby=<name> asc`.
    pub fn asc(self) -> OrderBy<M>
    where
        V: Orderable,
    {
        OrderBy { text: format!("{} asc", self.name), model: PhantomData }
    }

    /// `$orderby=<name> desc`.
    pub fn desc(self) -> OrderBy<M>
    where
        V: Orderable,
    {
        OrderBy { text: format!("{} desc", self.name), model: PhantomData }
    }

    fn compare(&self, operator: &str, value: &dyn FilterValue<V>) -> Filter<M> {
        Filter::atom(format!("{} {operator} {}", self.name, value.to_filter_literal()))
    }

    /// `<name> eq <value>`, the value written as an OData literal of `V`.
    pub fn eq(&self, value: impl FilterValue<V>) -> Filter<M> {
        self.compare("eq", &value)
    }

    /// `<name> ne <value>`.
    pub fn ne(&self, value: impl FilterValue<V>) -> Filter<M> {
        self.compare("ne", &value)
    }

    /// `<name> gt <value>`.
    pub fn gt(&self, value: impl FilterValue<V>) -> Filter<M> {
        self.compare("gt", &value)
    }

    /// `<name> ge <value>`.
    pub fn ge(&self, value: impl FilterValue<V>) -> Filter<M> {
        self.compare("ge", &value)
    }

    /// `<name> lt <value>`.
    pub fn lt(&self, value: impl FilterValue<V>) -> Filter<M> {
        self.compare("lt", &value)
    }

    /// `<name> le <value>`.
    pub fn le(&self, value: impl FilterValue<V>) -> Filter<M> {
        self.compare("le", &value)
    }

    /// `<name> eq null`: the property is null (not absent: OData has no
    /// filter for a property the service leaves out).
    pub fn is_null(&self) -> Filter<M> {
        Filter::atom(format!("{} eq null", self.name))
    }

    /// `<name> ne null`.
    pub fn is_not_null(&self) -> Filter<M> {
        Filter::atom(format!("{} ne null", self.name))
    }
}

impl<M> Property<M, String> {
    /// `startswith(<name>,'<prefix>')` (OData 4.01 Part 2, 5.1.1.5.3).
    pub fn starts_with(&self, prefix: &str) -> Filter<M> {
        Filter::atom(format!("startswith({},{})", self.name, literal(prefix)))
    }
}

/// A value `$filter` may compare a property of type `V` with: a `V` (or a
/// reference to one), and `&str` for a `String` property. Written by
/// [`literal`]; generated enums as their wire
/// name in quotes, as Graph reads them.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a value of a property of type `{V}`",
    label = "`$filter` compares this property with values of type `{V}`"
)]
pub trait FilterValue<V> {
    /// The value as an OData literal, before percent-encoding.
    fn to_filter_literal(&self) -> String;
}

macro_rules! filter_by_literal {
    ($($ty:ty),*) => {$(
        impl FilterValue<$ty> for $ty {
            fn to_filter_literal(&self) -> String {
                literal(self)
            }
        }

        impl FilterValue<$ty> for &$ty {
            fn to_filter_literal(&self) -> String {
                literal(*self)
            }
        }
    )*};
}

/// Calls `$apply` with the primitive types a property can have, each
/// written by the one literal encoder: what `$filter` compares and
/// `$orderby` sorts (one list, so the two cannot drift apart).
macro_rules! with_primitives {
    ($apply:ident) => {
        $apply!(
            String,
            i8,
            i16,
            i32,
            i64,
            u8,
            bool,
            f32,
            f64,
            crate::edm::Int64,
            crate::edm::Decimal,
            crate::edm::Double,
            crate::edm::Single,
            crate::edm::Guid,
            crate::edm::DateTimeOffset,
            crate::edm::Date,
            crate::edm::TimeOfDay,
            crate::edm::Duration,
            crate::edm::Binary
        );
    };
}

with_primitives!(filter_by_literal);

impl FilterValue<String> for &str {
    fn to_filter_literal(&self) -> String {
        literal(*self)
    }
}

impl FilterValue<crate::edm::Int64> for i64 {
    fn to_filter_literal(&self) -> String {
        literal(self)
    }
}

/// A value `$orderby` sorts by: a primitive or an enum, not a complex
/// value or a collection (walk into a complex property with
/// [`Property::then`]).
#[diagnostic::on_unimplemented(
    message = "`$orderby` cannot sort by a `{Self}` value",
    note = "sort by a primitive or enum property; `then` walks into a complex one"
)]
pub trait Orderable {}

macro_rules! orderable {
    ($($ty:ty),*) => {$(impl Orderable for $ty {})*};
}

with_primitives!(orderable);

impl<E: WireEnum> Orderable for E {}

/// A generated open enum: its value as sent on the wire.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is neither an Edm primitive nor a generated enum",
    label = "`$orderby` sorts by, and `$filter` compares, primitive and enum values only",
    note = "a complex property: walk into it with `then`; a collection: write the expression as a string"
)]
pub trait WireEnum {
    /// The member's wire name (`accepted`).
    fn wire_name(&self) -> &str;
}

impl<E: WireEnum> FilterValue<E> for E {
    fn to_filter_literal(&self) -> String {
        literal(self.wire_name())
    }
}

impl<E: WireEnum> FilterValue<E> for &E {
    fn to_filter_literal(&self) -> String {
        literal(self.wire_name())
    }
}

/// A `$filter` expression over the properties of `M`: comparisons joined
/// with [`and`](Filter::and), [`or`](Filter::or) and [`not`](Filter::not),
/// parenthesized where OData's precedence would read them otherwise.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter<M> {
    text: String,
    /// 0: a comparison or call; 1: `and`; 2: `or`.
    level: u8,
    model: PhantomData<fn() -> M>,
}

impl<M> Filter<M> {
    fn atom(text: String) -> Self {
        Self { text, level: 0, model: PhantomData }
    }

    fn operand(&self, max_level: u8) -> Cow<'_, str> {
        if self.level > max_level {
            Cow::Owned(format!("({})", self.text))
        } else {
            Cow::Borrowed(&self.text)
        }
    }

    /// `<self> and <other>`.
    pub fn and(self, other: Filter<M>) -> Self {
        let text = format!("{} and {}", self.operand(1), other.operand(1));
        Self { text, level: 1, model: PhantomData }
    }

    /// `<self> or <other>`.
    pub fn or(self, other: Filter<M>) -> Self {
        let text = format!("{} or {}", self.operand(2), other.operand(2));
        Self { text, level: 2, model: PhantomData }
    }

    /// `not (<self>)`: always in parentheses, since OData's `not` binds
    /// tighter than a comparison (`not a eq b` is `(not a) eq b`).
    #[allow(clippy::should_implement_trait)]
    pub fn not(self) -> Self {
        Self::atom(format!("not ({})", self.text))
    }

    /// The expression, before percent-encoding.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// An `$orderby` item: a property of `M` and its direction.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderBy<M> {
    text: String,
    model: PhantomData<fn() -> M>,
}

/// Marker for `$select` items.
#[derive(Debug)]
pub enum Select {}
/// Marker for `$expand` items.
#[derive(Debug)]
pub enum Expand {}
/// Marker for `$orderby` items.
#[derive(Debug)]
pub enum OrderedBy {}

/// Items of the system query option `O` (`Select`, `Expand`, `OrderedBy`)
/// on a request answering `R`: strings (one name, or a slice, array or
/// `Vec` of them) on any request; [`Property`] (select, order by),
/// [`Navigation`] (select, expand) and [`OrderBy`] where `R` has the
/// model's properties (to order by, a property's values must be
/// [`Orderable`]); tuples of up to eight items of either kind.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an item of `{O}` on a request answering `{R}`",
    note = "`$select`: `Property` or `Navigation`; `$expand`: `Navigation`; `$orderby`: `Property` or `OrderBy`; any: a string"
)]
pub trait QueryItems<R, O> {
    /// Appends the items to `out`, each after a `,` if `out` is not empty.
    fn write_items(&self, out: &mut String);
}

fn push(out: &mut String, item: &str) {
    if !out.is_empty() {
        out.push(',');
    }
    out.push_str(item);
}

impl<R, O> QueryItems<R, O> for str {
    fn write_items(&self, out: &mut String) {
        push(out, self);
    }
}

impl<R, O> QueryItems<R, O> for String {
    fn write_items(&self, out: &mut String) {
        push(out, self);
    }
}

impl<R, O, T: QueryItems<R, O> + ?Sized> QueryItems<R, O> for &T {
    fn write_items(&self, out: &mut String) {
        (**self).write_items(out);
    }
}

impl<R, O, T: QueryItems<R, O>> QueryItems<R, O> for [T] {
    fn write_items(&self, out: &mut String) {
        self.iter().for_each(|item| item.write_items(out));
    }
}

impl<R, O, T: QueryItems<R, O>, const N: usize> QueryItems<R, O> for [T; N] {
    fn write_items(&self, out: &mut String) {
        self.iter().for_each(|item| item.write_items(out));
    }
}

impl<R, O, T: QueryItems<R, O>> QueryItems<R, O> for Vec<T> {
    fn write_items(&self, out: &mut String) {
        self.iter().for_each(|item| item.write_items(out));
    }
}

impl<R: HasProperties<M>, M, V> QueryItems<R, Select> for Property<M, V> {
    fn write_items(&self, out: &mut String) {
        push(out, &self.name);
    }
}

impl<R: HasProperties<M>, M, V: Orderable> QueryItems<R, OrderedBy> for Property<M, V> {
    fn write_items(&self, out: &mut String) {
        push(out, &self.name);
    }
}

impl<R: HasProperties<M>, M, T> QueryItems<R, Select> for Navigation<M, T> {
    fn write_items(&self, out: &mut String) {
        push(out, &self.name);
    }
}

impl<R: HasProperties<M>, M, T> QueryItems<R, Expand> for Navigation<M, T> {
    fn write_items(&self, out: &mut String) {
        push(out, &self.name);
    }
}

impl<R: HasProperties<M>, M> QueryItems<R, OrderedBy> for OrderBy<M> {
    fn write_items(&self, out: &mut String) {
        push(out, &self.text);
    }
}

macro_rules! tuple_items {
    ($($name:ident)+) => {
        impl<R, O, $($name: QueryItems<R, O>),+> QueryItems<R, O> for ($($name,)+) {
            #[allow(non_snake_case)]
            fn write_items(&self, out: &mut String) {
                let ($($name,)+) = self;
                $($name.write_items(out);)+
            }
        }
    };
}

tuple_items!(A B);
tuple_items!(A B C);
tuple_items!(A B C D);
tuple_items!(A B C D E);
tuple_items!(A B C D E F);
tuple_items!(A B C D E F G);
tuple_items!(A B C D E F G H);

/// A `$filter` expression on a request answering `R`: a string as written,
/// or a [`Filter`] over the properties of a model `R` has.
pub trait FilterExpression<R> {
    /// The expression, before percent-encoding.
    fn expression(&self) -> String;
}

impl<R> FilterExpression<R> for str {
    fn expression(&self) -> String {
        self.to_owned()
    }
}

impl<R> FilterExpression<R> for String {
    fn expression(&self) -> String {
        self.clone()
    }
}

impl<R, T: FilterExpression<R> + ?Sized> FilterExpression<R> for &T {
    fn expression(&self) -> String {
        (**self).expression()
    }
}

impl<R: HasProperties<M>, M> FilterExpression<R> for Filter<M> {
    fn expression(&self) -> String {
        self.text.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Model;
    impl HasProperties<Model> for Model {}
    const NAME: Property<Model, String> = Property::new("name");
    const SIZE: Property<Model, i32> = Property::new("size");

    /// Kind: `and`/`or`/`not` joined without regard to OData's precedence
    /// (`not` over a comparison, `and` over `or`) change what is asked.
    #[test]
    fn joined_filters_keep_their_meaning() {
        let a = || NAME.eq("a");
        let b = || SIZE.gt(1);
        let c = || SIZE.is_null();
        assert_eq!(a().or(b()).and(c()).as_str(), "(name eq 'a' or size gt 1) and size eq null");
        assert_eq!(a().and(b().or(c())).as_str(), "name eq 'a' and (size gt 1 or size eq null)");
        assert_eq!(a().or(b().and(c())).as_str(), "name eq 'a' or size gt 1 and size eq null");
        assert_eq!(a().and(b()).or(c()).as_str(), "name eq 'a' and size gt 1 or size eq null");
        assert_eq!(a().not().and(b()).as_str(), "not (name eq 'a') and size gt 1");
        assert_eq!(NAME.starts_with("O'B").as_str(), "startswith(name,'O''B')");
    }

    #[test]
    fn items_are_written_in_order_after_what_is_there() {
        let mut out = "x".to_owned();
        QueryItems::<Model, Select>::write_items(&(NAME, "raw", [SIZE, SIZE]), &mut out);
        assert_eq!(out, "x,name,raw,size,size");
        let mut out = String::new();
        QueryItems::<crate::Collection<Model>, OrderedBy>::write_items(&(SIZE.desc(), NAME.asc()), &mut out);
        assert_eq!(out, "size desc,name asc");
    }
}
