// Every task family of the practice suite, app by app.
import type { Template } from '../template';
import { editProfile, inviteMember } from './admin';
import { bookAppointment, cancelAppointment } from './calendar';
import { contactSupport, findArticle, sendFeedback } from './docs';
import { bookFlight, checkIn } from './flights';
import { compose, findEmail, forward, reply } from './mail';
import { buyProduct, checkoutBasket } from './shop';

export const TEMPLATES: readonly Template[] = [buyProduct, checkoutBasket, bookFlight, checkIn, findEmail, compose, reply, forward, editProfile, inviteMember, findArticle, sendFeedback, contactSupport, bookAppointment, cancelAppointment];

export function templateById(id: string): Template {
  const t = TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(`no task template ${id}`);
  return t;
}
