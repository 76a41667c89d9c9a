/** `npm run build:api`: writes functions/dist/openapi.json, which the deployed API serves (infra/handler.ts). */
import { API_DOCUMENT, writeApiDocument } from "./lib/lambda-bundle";

await writeApiDocument(API_DOCUMENT);
console.log(`API description written to ${API_DOCUMENT}`);
