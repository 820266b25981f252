export {
  parseQuantity,
  tryParseQuantity,
  QuantityError,
} from './parseQuantity';
