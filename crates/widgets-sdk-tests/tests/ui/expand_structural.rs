// `$expand` takes navigation properties only: `size` is a number.
use widgets::models::Widget;
use widgets::paths::Root;

fn main() {
    let _ = Root.widgets().get().unwrap().expand(Widget::SIZE);
}
