import type { LocationSource } from '../core/ports';

/** The browser's geolocation: asked only from the visitor's click on Baton's own prompt. */
export const browserGeolocation: LocationSource = {
  current() {
    return new Promise((resolve, reject) => {
      if (!navigator.geolocation) return reject(new Error('Geolocation is not available'));
      navigator.geolocation.getCurrentPosition(
        (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: p.coords.accuracy }),
        (e) => reject(new Error(e.message || 'Location refused')),
        // A coarse, recent fix is enough and answers quickly.
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 5 * 60 * 1000 },
      );
    });
  },
};
