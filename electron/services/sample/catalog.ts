/** The small world the sample workspace is drawn from. */
export const firstNames = [
  'Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'Lucas', 'Mia', 'Leo', 'Sofia', 'Hugo', 'Chloé', 'Mateo', 'Amelia', 'Elias',
  'Léa', 'Jonas', 'Isla', 'Finn', 'Aisha', 'Omar', 'Yuki', 'Hiro', 'Priya', 'Arjun', 'Lena', 'Felix', 'Nora', 'Emil',
  'Zoe', 'Luca', 'Clara', 'Adam', 'Ines', 'Marco', 'Freya', 'Oscar', 'Maya', 'Theo', 'Alice', 'Samuel',
] as const;

export const lastNames = [
  'Martin', 'Bernard', 'Smith', 'Johnson', 'Müller', 'Schmidt', 'Rossi', 'Russo', 'García', 'López', 'Dubois',
  'Moreau', 'Tanaka', 'Suzuki', 'Patel', 'Sharma', 'Nielsen', 'Jensen', 'Silva', 'Santos', 'Novak', 'Kowalski',
  'Brown', 'Wilson', 'Taylor', 'Anderson', 'Lefebvre', 'Weber', 'Fischer', 'Romano',
] as const;

export const domains = ['example.com', 'example.org', 'example.net', 'mail.example', 'inbox.example'] as const;

/** Country, its main time zone and locale, and how common it is in the sample. */
export const countries = [
  { code: 'US', timezone: 'America/New_York', locale: 'en-US', weight: 24 },
  { code: 'US', timezone: 'America/Los_Angeles', locale: 'en-US', weight: 12 },
  { code: 'GB', timezone: 'Europe/London', locale: 'en-GB', weight: 12 },
  { code: 'FR', timezone: 'Europe/Paris', locale: 'fr-FR', weight: 12 },
  { code: 'DE', timezone: 'Europe/Berlin', locale: 'de-DE', weight: 12 },
  { code: 'ES', timezone: 'Europe/Madrid', locale: 'es-ES', weight: 6 },
  { code: 'IT', timezone: 'Europe/Rome', locale: 'it-IT', weight: 5 },
  { code: 'JP', timezone: 'Asia/Tokyo', locale: 'ja-JP', weight: 5 },
  { code: 'IN', timezone: 'Asia/Kolkata', locale: 'en-IN', weight: 5 },
  { code: 'AU', timezone: 'Australia/Sydney', locale: 'en-AU', weight: 4 },
  { code: 'BR', timezone: 'America/Sao_Paulo', locale: 'pt-BR', weight: 3 },
] as const;

export const plans = [
  { plan: 'free', weight: 45 },
  { plan: 'trial', weight: 20 },
  { plan: 'pro', weight: 25 },
  { plan: 'business', weight: 10 },
] as const;

export const interestTags = ['newsletter', 'running', 'yoga', 'outdoor', 'casual', 'trendy', 'bohemian'] as const;

export const products = [
  { id: 'p-100', name: 'Trail running shoes', category: 'running', price: 129 },
  { id: 'p-101', name: 'Running socks (3 pack)', category: 'running', price: 18 },
  { id: 'p-102', name: 'Hydration vest', category: 'running', price: 89 },
  { id: 'p-200', name: 'Yoga mat', category: 'yoga', price: 49 },
  { id: 'p-201', name: 'Yoga blocks', category: 'yoga', price: 22 },
  { id: 'p-202', name: 'Meditation cushion', category: 'yoga', price: 39 },
  { id: 'p-300', name: 'Down jacket', category: 'outdoor', price: 249 },
  { id: 'p-301', name: 'Hiking backpack', category: 'outdoor', price: 159 },
  { id: 'p-302', name: 'Headlamp', category: 'outdoor', price: 35 },
  { id: 'p-400', name: 'Linen shirt', category: 'casual', price: 59 },
  { id: 'p-401', name: 'Chino trousers', category: 'casual', price: 69 },
  { id: 'p-500', name: 'Embroidered dress', category: 'bohemian', price: 119 },
  { id: 'p-501', name: 'Fringe bag', category: 'bohemian', price: 79 },
  { id: 'p-600', name: 'Oversized blazer', category: 'trendy', price: 149 },
  { id: 'p-601', name: 'Chunky sneakers', category: 'trendy', price: 109 },
] as const;

export const pages = ['/', '/pricing', '/features', '/blog', '/docs/getting-started', '/docs/automation', '/account'] as const;

/** In-app actions of the trial product that the trial drip reacts to. */
export const productActions = ['list_created', 'contacts_imported', 'campaign_sent', 'drip_created', 'automation_created'] as const;
