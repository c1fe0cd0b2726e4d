// TEST DOUBLE of <lightning-card> (see ../README.md): renders its title and its slot.
import { LightningElement, api } from 'lwc';

export default class Card extends LightningElement {
    @api title;
    @api iconName;
    @api variant;
}
