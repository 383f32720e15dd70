/**
 * 志愿服务证明 (C5; 《志愿服务记录与证明出具办法》, 谁记录谁证明): signed, immutable
 * certificates of a volunteer's confirmed service for a period, as a PDF with a QR code that
 * opens the public verification page. Reads the records through the volunteers module.
 */
export { certificateRoutes } from './routes';
export { issueForVolunteer, requestCertificate, verifyPublic } from './service';
