// Pages with no behaviour of their own (privacy notice, sign-in) still switch language.
import { init } from "./i18n.js";

init();
