import type { Browser, Page } from 'puppeteer-core';
export const FIREFOX: string;
export const FIREFOX_EXTENSION_DIR: string;
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T>;
export function until<T>(what: string, fn: () => T | Promise<T>, timeoutMs?: number, intervalMs?: number): Promise<NonNullable<T>>;
export function launchFirefoxWithExtension(): Promise<{ firefox: Browser; geckoId: string; extensionOrigin: string }>;
export function openExtensionPage(firefox: Browser, extensionOrigin: string, path: string): Promise<Page>;
export function closeFirefox(firefox: Browser | undefined): Promise<void>;
