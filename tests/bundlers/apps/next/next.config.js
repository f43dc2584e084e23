export default {
  // On the server, Node loads the package itself: its Node entry reads the wasm from its file.
  serverExternalPackages: ['voucherify-sync'],
};
