// A `$filter` value must be of its property's type: `size` is an Int32.
use widgets::models::Widget;
use widgets::paths::Root;

fn main() {
    let _ = Root.widgets().get().unwrap().filter(Widget::SIZE.eq("big"));
}
