// `$orderby` sorts by a primitive or enum property: `tags` is a collection.
use widgets::models::Widget;
use widgets::paths::Root;

fn main() {
    let _ = Root.widgets().get().unwrap().order_by(Widget::TAGS);
}
