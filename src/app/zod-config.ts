// Imported first: zod would otherwise probe for eval (new Function), which the Content-Security-Policy
// forbids and reports. Its validation works the same without it.
import { z } from 'zod/mini';

z.config({ jitless: true });
