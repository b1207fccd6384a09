fn main() {
    tenantry::start();
}
