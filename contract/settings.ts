import { z } from 'zod';

/** Theme choice; `system` follows the OS. */
export const themeSchema = z.enum(['system', 'light', 'dark']);

/**
 * Non-secret settings. Every key has a default so an empty or partly written file still parses.
 * Credentials never live here: they go to the secret store.
 */
export const settingsSchema = z.object({
  theme: themeSchema.default('system'),
  /** Seconds between automatic refreshes of live screens. */
  refreshIntervalSeconds: z.number().int().min(5).max(3600).default(30),
  /** Https hosts whose links may open in the system browser. */
  allowedExternalHosts: z.array(z.string()).default(['docs.delinea.com', 'docs.aws.amazon.com']),
});

/** Settings as stored and returned. */
export type Settings = z.infer<typeof settingsSchema>;

/** A partial update; unknown keys are refused. */
export const settingsPatchSchema = settingsSchema.partial().strict();

/** A settings update request. */
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/**
 * What `settings:update` accepts from a window: everything but `allowedExternalHosts`. That list
 * decides which links main hands to the system browser, so a compromised renderer must not be
 * able to widen it; the user edits it in the settings file (see SECURITY.md).
 */
export const rendererSettingsPatchSchema = settingsSchema
  .omit({ allowedExternalHosts: true })
  .partial()
  .extend({
    allowedExternalHosts: z
      .never({ error: 'The hosts whose links open in the browser can only be changed in the settings file, not from the app' })
      .optional(),
  })
  .strict();
