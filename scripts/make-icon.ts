// Writes build/icon.png (512×512) and build/icon.svg from the geometry in scripts/icon/lantern-icon.ts. Run: npx tsx scripts/make-icon.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodePng } from './icon/png';
import { ICON_SIZE, renderIconRgba, renderIconSvg } from './icon/lantern-icon';

const buildDir = new URL('../build/', import.meta.url);

writeFileSync(new URL('icon.png', buildDir), encodePng(ICON_SIZE, ICON_SIZE, renderIconRgba()));
writeFileSync(new URL('icon.svg', buildDir), renderIconSvg());
console.log(`Wrote icon.png and icon.svg to ${fileURLToPath(buildDir)}`);
