/** The app's version from package.json, set at build time; sent with every submission. */
declare const __APP_VERSION__: string;
